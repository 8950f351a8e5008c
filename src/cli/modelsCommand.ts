// `ollama-bench models`: what the Models view shows, as a table or as JSON for scripts.
import type { Command } from 'commander';
import { discoverModels } from '../core/ollama/discovery';
import { pullCommand } from '../core/ollama/commandHints';
import { describeLoad } from '../core/ollama/modelPresentation';
import { textTable } from '../core/report/textTable';
import { formatBytes } from '../shared/byteSize';
import type { ModelInfo } from '../shared/dto';
import {
  addHostOption,
  addJsonOption,
  addRequestTimeoutOption,
  hostFrom,
  requestTimeoutFrom,
  type HostOptionValues,
  type JsonOptionValues,
  type RequestTimeoutOptionValues,
} from './options';

/** One model as `--json` prints it: the same names as the `models` collection; null = unknown. */
export interface ModelJson {
  name: string;
  family: string | null;
  parameter_size: string | null;
  quantization_level: string | null;
  size: number;
  context_length: number | null;
  loaded: boolean;
  /** Bytes in VRAM; 0 when not loaded. */
  size_vram: number;
}

export function toModelJson(m: ModelInfo): ModelJson {
  return {
    name: m.name,
    family: m.family ?? null,
    parameter_size: m.parameter_size ?? null,
    quantization_level: m.quantization_level ?? null,
    size: m.size,
    context_length: m.context_length ?? null,
    loaded: m.loaded,
    size_vram: m.loaded ? (m.size_vram ?? 0) : 0,
  };
}

/** A plain-text table, columns padded to their widest cell. */
export function modelsTable(models: readonly ModelInfo[]): string {
  const header = ['NAME', 'FAMILY', 'PARAMS', 'QUANT', 'SIZE', 'CONTEXT', 'STATUS'];
  const rows = models.map((m) => [
    m.name,
    m.family ?? '-',
    m.parameter_size ?? '-',
    m.quantization_level ?? '-',
    formatBytes(m.size),
    m.context_length !== undefined ? String(m.context_length) : '-',
    describeLoad(m),
  ]);
  return textTable([header, ...rows]);
}

export function registerModelsCommand(program: Command): void {
  const command = program
    .command('models')
    .description('List the models Ollama has, with size, quantization and what is loaded now.');
  addHostOption(command);
  addJsonOption(command, 'print a JSON array instead of a table');
  addRequestTimeoutOption(command).action(
    async (opts: HostOptionValues & JsonOptionValues & RequestTimeoutOptionValues) => {
      // A malformed host throws HostSettingError: its message says what is wrong with it.
      const host = hostFrom(opts);
      const timeoutMs = requestTimeoutFrom(opts);
      const models = await discoverModels(host, {
        timeoutMs,
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(models.map(toModelJson), null, 2)}\n`);
      } else if (!models.length) {
        process.stdout.write(
          `Ollama at ${host} has no models. Pull one: ${pullCommand('llama3.2')}\n`,
        );
      } else {
        process.stdout.write(`${modelsTable(models)}\n`);
      }
    },
  );
}
