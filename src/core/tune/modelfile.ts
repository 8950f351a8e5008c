// The tune's answer as Ollama takes it: a Modelfile (FROM the model, a PARAMETER line per option
// the winner sets), the `ollama create` command that builds it, and the same as /api/create's
// JSON body (api/types.go CreateRequest: model, from, parameters), which --apply sends.
import { settingParameters, type TuneSetting } from './tuneSetting';

/** The tuned model's name: `M-tuned`. */
export const tunedName = (model: string): string => `${model}-tuned`;

export function modelfileText(model: string, setting: TuneSetting): string {
  const lines = [`FROM ${model}`];
  for (const [k, v] of Object.entries(settingParameters(setting)))
    lines.push(`PARAMETER ${k} ${v}`);
  return `${lines.join('\n')}\n`;
}

export function createCommand(model: string): string {
  return `ollama create ${tunedName(model)} -f Modelfile`;
}

export interface CreateBody {
  model: string;
  from: string;
  parameters: Record<string, number>;
  stream: true;
}

export function createBody(model: string, setting: TuneSetting): CreateBody {
  return {
    model: tunedName(model),
    from: model,
    parameters: settingParameters(setting),
    stream: true,
  };
}
