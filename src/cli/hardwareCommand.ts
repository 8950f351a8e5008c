// `ollama-bench hardware`: the machine's inventory as a benchmark session records it, as text or
// as the hardware_configs document (`--json`).
import type { Command } from 'commander';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { formatBytes } from '../shared/byteSize';
import type { HardwareConfig } from '../shared/dto';
import {
  addHostOption,
  addJsonOption,
  hostFrom,
  type HostOptionValues,
  type JsonOptionValues,
} from './options';

const NOT_AVAILABLE = 'not available';

const joined = (parts: (string | undefined | false)[]) =>
  parts.filter((p): p is string => !!p).join(', ');

/** Label/value lines; a figure the machine does not give reads "not available", never 0. */
export function hardwareText(config: HardwareConfig, host: string): string {
  const { cpu, ram, storage, os, bios, ollama } = config;
  const rows: [string, string][] = [
    [
      'CPU',
      joined([
        cpu.model,
        cpu.cores ? `${cpu.cores} cores` : undefined,
        cpu.threads ? `${cpu.threads} threads` : undefined,
        cpu.frequency !== undefined && `${cpu.frequency} MHz`,
        cpu.microcode && `microcode ${cpu.microcode}`,
      ]),
    ],
  ];
  if (!config.gpu.length) rows.push(['GPU', `${NOT_AVAILABLE} (none found)`]);
  config.gpu.forEach((g, i) =>
    rows.push([
      config.gpu.length > 1 ? `GPU ${i}` : 'GPU',
      joined([
        g.model,
        g.memory !== undefined && `${formatBytes(g.memory)} VRAM`,
        g.driver && `driver ${g.driver}`,
      ]),
    ]),
  );
  rows.push(
    [
      'RAM',
      joined([
        formatBytes(ram.total),
        ram.type,
        ram.frequency !== undefined && `${ram.frequency} MHz`,
      ]),
    ],
    [
      'Storage',
      storage.size !== undefined || storage.type
        ? joined([storage.type, storage.size !== undefined && formatBytes(storage.size)])
        : NOT_AVAILABLE,
    ],
    [
      'OS',
      joined([
        `${os.name} ${os.version}`.trim(),
        `kernel ${os.kernel}`,
        os.arch,
        os.hostname && `host ${os.hostname}`,
      ]),
    ],
    ['BIOS', joined([bios.vendor, bios.version, bios.date]) || NOT_AVAILABLE],
    [
      'Ollama',
      joined([
        ollama?.version
          ? `${ollama.version} at ${host}`
          : `${NOT_AVAILABLE} (no answer at ${host})`,
        ollama?.num_parallel && `OLLAMA_NUM_PARALLEL=${ollama.num_parallel}`,
        ollama?.max_loaded_models && `OLLAMA_MAX_LOADED_MODELS=${ollama.max_loaded_models}`,
      ]),
    ],
    ['Fingerprint', config.fingerprint],
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

export function registerHardwareCommand(program: Command): void {
  const command = program
    .command('hardware')
    .description(
      'Show what a benchmark session records about this machine: CPU, GPU, RAM, OS, Ollama.',
    );
  addHostOption(command);
  addJsonOption(command, 'print the hardware_configs document as JSON').action(
    async (opts: HostOptionValues & JsonOptionValues) => {
      const host = hostFrom(opts);
      const config = await createHardwareMonitor({ ollamaHost: host }).inventory();
      process.stdout.write(
        opts.json ? `${JSON.stringify(config, null, 2)}\n` : `${hardwareText(config, host)}\n`,
      );
    },
  );
}
