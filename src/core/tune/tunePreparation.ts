// Everything a tune needs before its first trial, read once: the model's geometry and size from
// Ollama (/api/show, /api/tags), the machine's cores and GPU memory, and from them the pruned
// search space and the plan. The CLI and the extension both start a tune from here.
import type { Ollama } from 'ollama';
import type { HardwareConfig } from '../../shared/dto';
import type { KvCacheType } from '../fit/ggufBits';
import { geometryFromShow, type ModelGeometry } from '../fit/modelGeometry';
import { modelBytes, searchSpace, type ModelBytes } from './searchSpace';
import { GOAL_MEASURES, type TuneGoal } from './tuneGoal';
import { inventoryVram, maxThreadsFor } from './tuneMachine';
import type { TunePlan } from './tuneRun';

export interface TuneRequest {
  host: string;
  model: string;
  goal: TuneGoal;
  /** Fixed by the user; unset: 4096 while searching, then the largest that keeps the layers. */
  numCtx?: number;
  defaultNumCtx: number;
  maxThreads?: number;
  /** GPU memory; 'auto' reads the inventory. */
  vram: number | 'auto';
  inventory?: Pick<HardwareConfig, 'cpu' | 'gpu'>;
  kvCacheType: KvCacheType;
  repetitions: number;
}

export interface PreparedTune {
  plan: TunePlan;
  bytes?: ModelBytes;
  vramBytes?: number;
  geometry?: ModelGeometry;
}

export async function prepareTune(req: TuneRequest, client: Ollama): Promise<PreparedTune> {
  const { model } = req;
  const maxThreads = maxThreadsFor(req.host, req.maxThreads, req.inventory);
  const vramBytes = req.vram === 'auto' ? inventoryVram(req.inventory) : req.vram || undefined;
  const geometry = await client
    .show({ model })
    .then((show) => geometryFromShow(model, show))
    .catch((): ModelGeometry | undefined => undefined);
  const fileSize = (await client.list()).models.find((m) => m.name === model)?.size;
  const numCtx = req.numCtx ?? req.defaultNumCtx;
  const space = searchSpace({
    model,
    ...(geometry ? { geometry } : {}),
    fileSize,
    kvCacheType: req.kvCacheType,
    numCtx,
    vramBytes,
    maxThreads,
    usesBatch: GOAL_MEASURES[req.goal].usesBatch,
  });
  const bytes = geometry
    ? modelBytes({ model, geometry, fileSize, kvCacheType: req.kvCacheType })
    : undefined;
  return {
    plan: {
      goal: req.goal,
      space,
      numCtx,
      numCtxFixed: req.numCtx !== undefined,
      ...(bytes ? { bytes } : {}),
      vramBytes,
      trainingContext: geometry?.contextLength,
      repetitions: req.repetitions,
    },
    ...(bytes ? { bytes } : {}),
    vramBytes,
    ...(geometry ? { geometry } : {}),
  };
}

/** A tune's id: the day and a random part, so a store's tunes sort by date. */
export function newTuneId(now: Date, random: string): string {
  return `tune-${now.toISOString().slice(0, 10)}-${random}`;
}
