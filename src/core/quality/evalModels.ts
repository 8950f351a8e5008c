// The installed models an eval or a drift check names, with what /api/tags says of each: the
// digest that keys a stored evaluation, the family and the quantization.
import type { ListResponse } from 'ollama';
import { InputError } from '../failures/inputError';
import { resolveModelName } from '../bench/preflight';
import type { EvalModel } from './evalRunner';

export interface ModelLister {
  list(): Promise<ListResponse>;
}

export async function evalModels(
  client: ModelLister,
  names: readonly string[],
): Promise<EvalModel[]> {
  const installed = (await client.list()).models;
  return names.map((requested) => {
    const name = resolveModelName(
      requested,
      installed.map((m) => m.name),
    );
    const m = installed.find((x) => x.name === name);
    if (!m) throw new InputError(`Ollama has no model '${requested}'`);
    return {
      name: m.name,
      digest: m.digest,
      ...(m.details.family ? { family: m.details.family } : {}),
      ...(m.details.quantization_level ? { quantization_level: m.details.quantization_level } : {}),
    };
  });
}
