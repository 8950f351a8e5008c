// acquireVsCodeApi typed with one panel's message unions, so the compiler checks both directions.
import type { WebviewApi } from 'vscode-webview';

export interface PanelApi<ToHost, FromHost, State> {
  post(message: ToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
  /** Messages from the host that pass `accept` (the host is trusted; this catches bugs). */
  onMessage(accept: (v: unknown) => v is FromHost, listener: (message: FromHost) => void): void;
}

let api: WebviewApi<unknown> | undefined;

export function panelApi<ToHost, FromHost, State>(): PanelApi<ToHost, FromHost, State> {
  // acquireVsCodeApi may be called once per page.
  api ??= acquireVsCodeApi();
  const vscode = api;
  return {
    post: (message) => vscode.postMessage(message),
    getState: () => vscode.getState() as State | undefined,
    setState: (state) => vscode.setState(state),
    onMessage: (accept, listener) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (accept(event.data)) listener(event.data);
        else console.warn('Ollama Bench: ignored an unexpected message from the host');
      });
    },
  };
}
