// keep_alive as Ollama reads it (api/types.go Duration.UnmarshalJSON): a JSON number is seconds,
// a string goes through Go's time.ParseDuration — "10m", "300s", "1h30m" — so a bare "300" is
// refused with 400 "time: missing unit in duration" on every request of a session.
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

/** Why Ollama would refuse this keep_alive string, or undefined when it reads it. */
export function keepAliveProblem(value: string): string | undefined {
  if (GO_DURATION.test(value.trim())) return undefined;
  return /^[-+]?[\d.]+$/.test(value.trim())
    ? `"${value}" has no unit; Ollama reads keep_alive as a Go duration such as 10m, 300s or 1h`
    : `"${value}" is not a duration Ollama reads; use one such as 10m, 300s or 1h`;
}
