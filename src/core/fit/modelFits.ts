// The fit of every listed model at one context, for the Models tree and the run's spill check:
// each model's /api/show geometry against the machine's GPU memory (or what a setting says).
import type { FitPrediction, HardwareConfig, ModelInfo } from '../../shared/dto';
import type { FitReport } from '../../shared/fitReport';
import { Ollama } from 'ollama';
import { createDeadlineFetch } from '../ollama/deadlineFetch';
import { parseByteAmount } from './byteAmount';
import { adviseFit, type FitMachine } from './fitAdvisor';
import type { KvCacheType } from './ggufBits';
import { geometryFromShow } from './modelGeometry';

export interface FitContext {
  numCtx: number;
  kvCacheType: KvCacheType;
  machine: FitMachine;
}

/**
 * The machine to fit against: "auto" reads the inventory's GPUs and RAM; else GPU bytes (a number,
 * or text with a unit such as "24GB").
 */
export async function fitMachine(
  vramSetting: string | number | undefined,
  inventory: () => Promise<Pick<HardwareConfig, 'gpu' | 'ram'>>,
): Promise<FitMachine> {
  const config = await inventory();
  const ramBytes = config.ram.total || undefined;
  if (typeof vramSetting === 'number') return { vramBytes: vramSetting, ramBytes };
  const setting = vramSetting?.trim() || 'auto';
  if (setting.toLowerCase() !== 'auto')
    return { vramBytes: parseByteAmount(setting, 'the VRAM setting'), ramBytes };
  const gpu = config.gpu.reduce((s, g) => s + (g.memory ?? 0), 0);
  return { vramBytes: gpu > 0 ? gpu : undefined, ramBytes };
}

/** Models whose geometry Ollama does not give are left out (onWarning says why). */
export async function fitModels(
  host: string,
  models: readonly Pick<ModelInfo, 'name' | 'size'>[],
  context: FitContext,
  options: { timeoutMs?: number; onWarning?: (message: string) => void } = {},
): Promise<Map<string, FitReport>> {
  // Node's fetch with a deadline, as discovery: keeps undici out of the extension's activation.
  const client = new Ollama({ host, fetch: createDeadlineFetch(options.timeoutMs ?? 5000) });
  const out = new Map<string, FitReport>();
  await Promise.all(
    models.map(async (m) => {
      try {
        const geometry = geometryFromShow(m.name, await client.show({ model: m.name }));
        out.set(
          m.name,
          adviseFit(
            {
              model: m.name,
              geometry,
              numCtx: context.numCtx,
              kvCacheType: context.kvCacheType,
              fileSize: m.size,
            },
            context.machine,
          ),
        );
      } catch (err) {
        options.onWarning?.(
          `No fit estimate for ${m.name}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }),
  );
  return out;
}

/** One sentence on a fit, for tooltips and the run's question. */
export function fitSentence(fit: FitReport, numCtx: number): string {
  const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
  const needs = `${fit.model} at num_ctx ${numCtx} needs ≈ ${gb(fit.total_bytes)}`;
  switch (fit.verdict) {
    case 'fits':
      return `${needs}; it fits in this GPU's ${gb(fit.vram_bytes ?? 0)}.`;
    case 'partial':
      return `${needs}; this GPU has ${gb(fit.vram_bytes ?? 0)}: about ${Math.round((1 - fit.gpu_share) * 100)} % would run on the CPU.`;
    case 'cpu':
      return `${needs}; there is no GPU, so it runs on the CPU.`;
    case 'too_big':
      return `${needs}: more than this machine's GPU and RAM together.`;
  }
}

/** The runner's predictFit: the estimate for one model, kept beside what /api/ps reports. */
export function fitPredictor(
  host: string,
  machine: () => Promise<FitMachine>,
  kvCacheType: KvCacheType,
): (model: string, numCtx: number) => Promise<FitPrediction | undefined> {
  return async (model, numCtx) => {
    const fits = await fitModels(host, [{ name: model, size: 0 }], {
      numCtx,
      kvCacheType,
      machine: await machine(),
    });
    const r = fits.get(model);
    return r
      ? {
          num_ctx: numCtx,
          total_bytes: r.total_bytes,
          gpu_share: r.gpu_share,
          verdict: r.verdict,
          vram_bytes: r.vram_bytes,
        }
      : undefined;
  };
}
