// Error bodies that are not JSON (Gin's plain-text "404 page not found", a proxy's HTML) are
// rewrapped as Ollama's {"error"}: ollama-js would otherwise console.log "Getting text from
// response" onto stdout, into the CLI's --json output. Every fetch the clients use passes here.

/** A failed answer whose body is not JSON becomes {"error": its text}, status kept. */
export async function withJsonError(response: Response): Promise<Response> {
  if (response.ok || response.headers.get('content-type')?.includes('application/json'))
    return response;
  const text = (await response.text().catch(() => '')).trim();
  return new Response(
    JSON.stringify({ error: text || `${response.status} ${response.statusText}`.trim() }),
    {
      status: response.status,
      statusText: response.statusText,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  );
}
