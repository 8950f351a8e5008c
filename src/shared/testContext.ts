// The context a test really ran with: the num_ctx it asked for, unless Ollama loaded the model
// with less (/api/ps context_length, stored as the test's loaded_context_length). Compare, rank
// and trends put a test beside others by this value, so a test Ollama quietly shrank is not
// compared as if it had the context it asked for.

/** The loaded context where it is below the asked one, else the asked one. */
export function testNumCtx(asked: number, loaded: number | undefined): number;
export function testNumCtx(
  asked: number | undefined,
  loaded: number | undefined,
): number | undefined;
export function testNumCtx(
  asked: number | undefined,
  loaded: number | undefined,
): number | undefined {
  if (loaded === undefined || !(loaded > 0)) return asked;
  return asked === undefined || loaded < asked ? loaded : asked;
}
