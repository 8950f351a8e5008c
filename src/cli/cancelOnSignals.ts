// Ctrl-C, `kill` and a closed terminal all end a run the same way: the session is cancelled,
// every finished repetition is kept, and the process exits with 128 + the signal's number. A
// second signal quits at once.
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type CancelSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface SignalCancel {
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  signalName(): CancelSignal | undefined;
  dispose(): void;
}

export function cancelOnSignals(
  write: (text: string) => void = (t) => process.stderr.write(t),
): SignalCancel {
  const controller = new AbortController();
  let first: CancelSignal | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as CancelSignal[]).map((name) => {
    const handler = () => {
      if (first) process.exit(SIGNAL_EXIT_CODES[first]);
      first = name;
      write(
        `${name}: cancelling… finished repetitions are kept and the session is saved as cancelled (send it again to quit now).\n`,
      );
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    signalName: () => first,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
