// `ollama-bench fit`: will a model at a context fit in this machine's GPU, before loading it?
// Reads the model's geometry from Ollama's /api/show and the GPU memory from the hardware
// inventory (or --vram); prints the estimate or the FitReport as JSON.
import { totalmem } from 'node:os';
import type { Command } from 'commander';
import { adviseFit, suggestedNumCtx } from '../core/fit/fitAdvisor';
import { bitsPerWeight, isKvCacheType, type KvCacheType } from '../core/fit/ggufBits';
import { serverKvCacheType } from '../core/fit/kvCacheType';
import { geometryFromShow } from '../core/fit/modelGeometry';
import { resolveRunOptions } from '../core/bench/runOptions';
import { InputError } from '../core/failures/inputError';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { createOllamaClient } from '../core/ollama/ollamaClient';
import { formatBytes } from '../shared/byteSize';
import type { FitReport } from '../shared/fitReport';
import { parseByteAmount } from '../core/fit/byteAmount';
import {
  addHostOption,
  addJsonOption,
  addNumCtxOption,
  hostFrom,
  numCtxFrom,
  type HostOptionValues,
  type JsonOptionValues,
  type NumCtxOptionValues,
} from './options';

interface FitOptionValues extends NumCtxOptionValues, HostOptionValues, JsonOptionValues {
  model?: string;
  vram: string;
  kvCacheType?: string;
}

const VERDICT_TEXT: Record<FitReport['verdict'], string> = {
  fits: 'fits in VRAM',
  partial: 'partly on the CPU',
  cpu: 'runs on the CPU (no GPU)',
  too_big: 'too big for this machine',
};

export function fitText(r: FitReport, numCtx: number, kv: KvCacheType): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const lines = [
    `${r.model} at num_ctx ${numCtx}: ${VERDICT_TEXT[r.verdict]}${r.verdict === 'partial' ? ` (about ${pct(1 - r.gpu_share)} on the CPU)` : ''}`,
    `  weights   ${formatBytes(r.weights_bytes)}  (${(r.params / 1e9).toFixed(2)} B parameters × ${r.bits_per_weight} bits / 8 × 1.2)`,
    `  KV cache  ${formatBytes(r.kv_bytes)}  (${kv})`,
    `  total     ${formatBytes(r.total_bytes)}`,
    `  GPU       ${r.vram_bytes === null ? 'none' : formatBytes(r.vram_bytes)}`,
  ];
  if (r.max_num_ctx_in_vram !== null)
    lines.push(`  largest num_ctx entirely in VRAM: ${r.max_num_ctx_in_vram}`);
  const offer = r.verdict === 'partial' ? suggestedNumCtx(r) : undefined;
  if (offer) lines.push(`  try: --num-ctx ${offer}`);
  return lines.join('\n');
}

export function registerFitCommand(program: Command): void {
  const command = program
    .command('fit')
    .description(
      'Estimate whether a model at a context fits in this GPU before loading it (weights + KV cache).',
    )
    .option('--model <name>', 'the model, as Ollama names it (e.g. llama3.2:3b)');
  addNumCtxOption(command, 'context length to check')
    .option(
      '--vram <bytes|auto>',
      'GPU memory in bytes (or 24GB, 24GiB; 0 = no GPU); auto reads the hardware inventory',
      'auto',
    )
    .option(
      '--kv-cache-type <type>',
      "f16, q8_0 or q4_0 (default: the Ollama server's OLLAMA_KV_CACHE_TYPE, else f16)",
    );
  addHostOption(command);
  addJsonOption(command, 'print the estimate as JSON').action(async (opts: FitOptionValues) => {
    if (!opts.model) throw new InputError('--model is required: the model to check');
    // The context a run would load the model with: the same default as a run's.
    const numCtx = resolveRunOptions({ num_ctx: numCtxFrom(opts) }).num_ctx;
    const kv = opts.kvCacheType?.trim().toLowerCase() ?? serverKvCacheType();
    if (!isKvCacheType(kv))
      throw new InputError(`--kv-cache-type is f16, q8_0 or q4_0, not "${opts.kvCacheType}"`);
    const host = hostFrom(opts);
    const client = createOllamaClient(host, { requestTimeoutMs: 10_000 });
    const show = await client.show({ model: opts.model });
    const geometry = geometryFromShow(opts.model, show);
    let fileSize: number | undefined;
    if (bitsPerWeight(geometry.quantization) === undefined) {
      const tags = await client.list();
      fileSize = tags.models.find((m) => m.name === opts.model || m.model === opts.model)?.size;
    }
    let vramBytes: number | undefined;
    let ramBytes: number;
    if (opts.vram.trim().toLowerCase() === 'auto') {
      const config = await createHardwareMonitor({ ollamaHost: host }).inventory();
      const gpu = config.gpu.reduce((s, g) => s + (g.memory ?? 0), 0);
      vramBytes = gpu > 0 ? gpu : undefined;
      ramBytes = config.ram.total || totalmem();
    } else {
      vramBytes = parseByteAmount(opts.vram, '--vram');
      ramBytes = totalmem();
    }
    const report = adviseFit(
      { model: opts.model, geometry, numCtx, kvCacheType: kv, fileSize },
      { vramBytes, ramBytes },
    );
    process.stdout.write(
      opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${fitText(report, numCtx, kv)}\n`,
    );
  });
}
