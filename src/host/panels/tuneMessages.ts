// The dashboard's Tune view on the host side (no vscode import): the last tune of this window,
// its Modelfile to the clipboard, and Create Tuned Model (which asks before it creates).
import type { DashboardToHost, HostToDashboard } from '../../shared/protocol';
import type { TuneView } from '../../shared/tuneView';

export interface TuneCaps {
  current(): TuneView | undefined;
  /** Create Tuned Model: says what it will create and asks first. */
  createTuned(): Promise<void>;
  /** Whether a command asked for the Tune view before the webview was ready. */
  takePending?(): boolean;
}

export type TuneMessage = Extract<
  DashboardToHost,
  { type: 'tune' } | { type: 'copyModelfile' } | { type: 'createTunedModel' }
>;

export async function answerTune(
  msg: TuneMessage,
  caps: TuneCaps | undefined,
  post: (m: HostToDashboard) => void,
  copyToClipboard: (text: string) => Promise<void>,
): Promise<void> {
  if (!caps) throw new Error('tuning is not available here');
  const view = caps.current();
  switch (msg.type) {
    case 'tune':
      post(view ? { type: 'tune', view } : { type: 'tune' });
      return;
    case 'copyModelfile': {
      const modelfile = view?.answer.modelfile;
      if (!modelfile) throw new Error('no tune has a Modelfile yet');
      await copyToClipboard(modelfile);
      post({ type: 'notice', message: `Copied the Modelfile of ${view.answer.model}.` });
      return;
    }
    case 'createTunedModel':
      await caps.createTuned();
      return;
  }
}
