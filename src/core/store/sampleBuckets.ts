// Time-series samples as the bucket layout's documents (one per test result): the form every
// archive, copy and import carries samples in, whichever layout the store keeps them in.
import { EJSON, type Document } from 'bson';
import type { HardwareSample } from '../../shared/dto';

/** An id as a map key that tells an ObjectId from its hex string. */
export function idKeyOf(id: unknown): string {
  return EJSON.stringify({ id }, { relaxed: false });
}

/** A test result's samples as the bucket layout's document; undefined without a sample. */
export function sampleBucket(
  resultId: unknown,
  sessionId: unknown,
  samples: HardwareSample[],
): Document | undefined {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return undefined;
  return {
    result_id: resultId,
    session_id: sessionId,
    start: new Date(first.t),
    end: new Date(last.t),
    count: samples.length,
    samples,
  };
}

/** Time-series samples regrouped as the bucket layout's one document per test result. */
export function bucketsOf(docs: Document[]): Document[] {
  const byResult = new Map<string, Document[]>();
  for (const d of docs) {
    const key = idKeyOf(d.meta?.result_id);
    byResult.set(key, [...(byResult.get(key) ?? []), d]);
  }
  return [...byResult.values()].flatMap((group) => {
    const sorted = group.sort((a, b) => (a.t as Date).getTime() - (b.t as Date).getTime());
    const first = sorted[0];
    const last = sorted.at(-1);
    if (!first || !last) return []; // a group holds at least the document that made it
    const meta = first.meta as Document;
    const samples = sorted.map(({ t, meta: _m, _id, ...figures }) => ({
      t: (t as Date).getTime(),
      ...figures,
    }));
    return {
      // The result's id: the same bucket each time, so a second copy finds it.
      _id: meta.result_id,
      result_id: meta.result_id,
      session_id: meta.session_id,
      start: first.t,
      end: last.t,
      samples,
      count: samples.length,
      ...(meta.downsampled ? { downsampled: true } : {}),
      ...(typeof meta.interval_ms === 'number' ? { interval_ms: meta.interval_ms } : {}),
    };
  });
}
