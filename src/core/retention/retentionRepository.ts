// Retention: sessions older than sessionDays are
// archived (when a folder is set) and deleted with their results and samples; hardware samples
// and the series inside test_results older than downsampleAfterDays become means per interval, so
// disk use stops growing. A dry run counts and changes nothing; a real run is recorded in the
// `config` collection for the dashboard's footer.
//
// On MongoDB time-series collections, servers 5.0–6.3 accept a delete only when its filter is on
// the metaField alone, so samples are always deleted by `meta.*` (result or session), never by _id
// or time.
import type { Document } from 'bson';
import { writeArchive, type ArchiveEntry } from '../transfer/archiveFormat';
import { archiveFileName } from './archiveFileName';
import { idToString } from '../store/bsonMapping';
import {
  DOWNSAMPLE_INTERVALS,
  downsampleSamples,
  downsampleSeries,
  type StoredPoint,
} from './downsample';
import type { SampleLayout } from '../store/storeBackend';
import type { PruneReport, RetentionPolicy, RetentionRun } from './retentionPolicy';
import { bucketsOf } from '../store/sampleBuckets';
import {
  CollectionNames,
  type DataCollection,
  type StoreCollections,
} from '../store/storeCollection';
import type { HardwareSample } from '../../shared/dto';

const DAY = 86_400_000;
const MINUTE = 60_000;
const RETENTION_ID = 'retention';
const SERIES = ['cpu_usage', 'gpu_usage', 'ram_usage', 'vram_usage'] as const;

/**
 * Documents not yet at `ms` or coarser. Samples downsampled before intervals were configurable
 * carry `downsampled: true` without `interval_ms`: those are at one minute.
 */
function finerThan(ms: number, prefix: string): Document {
  const interval = `${prefix}interval_ms`;
  const legacy = `${prefix}downsampled`;
  if (ms <= MINUTE) return { [interval]: { $exists: false }, [legacy]: { $ne: true } };
  return { $or: [{ [interval]: { $lt: ms } }, { [interval]: { $exists: false } }] };
}

export class RetentionRepository {
  constructor(
    private readonly c: StoreCollections,
    private readonly layout: SampleLayout,
    /** The sessions repository's delete (sessions, their results and samples). */
    private readonly deleteSessions: (ids: string[]) => Promise<number>,
  ) {}

  async prune(policy: RetentionPolicy): Promise<PruneReport> {
    const now = policy.now ?? new Date();
    const dryRun = policy.dryRun === true;
    const report: PruneReport = {
      sessionsDeleted: 0,
      resultsDeleted: 0,
      resultsDownsampled: 0,
      sessionsArchived: 0,
      archiveFile: null,
      dryRun,
    };
    if (policy.sessionDays > 0) {
      const cutoff = new Date(now.getTime() - policy.sessionDays * DAY);
      // A session still running is never pruned, however old its start.
      const old = await this.c.sessions
        .find({ start_time: { $lt: cutoff }, status: { $ne: 'running' } })
        .toArray();
      if (old.length) {
        const ids = old.map((d) => d._id);
        report.resultsDeleted = await this.c.results.countDocuments({ session_id: { $in: ids } });
        if (policy.archiveDir) {
          report.sessionsArchived = old.length;
          // Written completely before anything is deleted: a failed archive deletes nothing.
          if (!dryRun) {
            const file = archiveFileName(policy.archiveDir, now);
            await writeArchive(file, await this.archiveEntries(old));
            report.archiveFile = file;
          }
        }
        report.sessionsDeleted = dryRun
          ? old.length
          : await this.deleteSessions(ids.map(idToString));
      }
    }
    if (policy.downsampleAfterDays > 0) {
      const cutoff = new Date(now.getTime() - policy.downsampleAfterDays * DAY);
      const ms = DOWNSAMPLE_INTERVALS[policy.downsampleInterval ?? '1m'];
      report.resultsDownsampled = await this.downsample(cutoff, ms, dryRun);
    }
    if (!dryRun) {
      const { now: _n, dryRun: _d, ...kept } = policy;
      await this.c.storeConfig.replaceOne(
        { _id: RETENTION_ID },
        { _id: RETENTION_ID, at: now, policy: kept, report },
        { upsert: true },
      );
    }
    return report;
  }

  async lastRun(): Promise<RetentionRun | undefined> {
    const doc = await this.c.storeConfig.findOne({ _id: RETENTION_ID });
    if (!doc) return undefined;
    return {
      at: new Date(doc.at as Date | string).toISOString(),
      policy: doc.policy as RetentionRun['policy'],
      report: doc.report as PruneReport,
    };
  }

  /**
   * The sessions, their results and samples, and the machines they name, as `import` reads them
   * back: documents as stored, samples as one bucket per result whatever the layout.
   */
  private async archiveEntries(sessions: Document[]): Promise<ArchiveEntry[]> {
    const ids = sessions.map((d) => d._id);
    const results = await this.c.results.find({ session_id: { $in: ids } }).toArray();
    const samples = await this.c.samples
      .find(
        this.layout === 'timeseries'
          ? { 'meta.session_id': { $in: ids } }
          : { session_id: { $in: ids } },
      )
      .toArray();
    const machineIds = [
      ...new Map(
        sessions
          .map((s) => s.hardware_config_id)
          .filter((id) => id !== undefined && id !== null)
          .map((id) => [idToString(id), id]),
      ).values(),
    ];
    const machines = machineIds.length
      ? await this.c.hardwareConfigs.find({ _id: { $in: machineIds } }).toArray()
      : [];
    const entries = (collection: DataCollection, docs: Document[]): ArchiveEntry[] =>
      docs.map((doc) => ({ collection, doc }));
    return [
      ...entries(CollectionNames.hardwareConfigs, machines),
      ...entries(CollectionNames.sessions, sessions),
      ...entries(CollectionNames.results, results),
      ...entries(
        CollectionNames.samples,
        this.layout === 'timeseries' ? bucketsOf(samples) : samples,
      ),
    ];
  }

  /** Downsamples samples and result series older than cutoff; returns the results touched. */
  private async downsample(cutoff: Date, ms: number, dryRun: boolean): Promise<number> {
    const touched = new Set<string>();
    if (this.layout === 'buckets') {
      const buckets = await this.c.samples
        .find({ end: { $lt: cutoff }, ...finerThan(ms, '') })
        .toArray();
      for (const b of buckets) {
        touched.add(idToString(b.result_id));
        if (dryRun) continue;
        const samples = downsampleSamples(b.samples as HardwareSample[], ms);
        await this.c.samples.updateOne(
          { _id: b._id },
          { $set: { samples, count: samples.length, downsampled: true, interval_ms: ms } },
        );
      }
    } else {
      const old = await this.c.samples
        .find({ t: { $lt: cutoff }, ...finerThan(ms, 'meta.') })
        .toArray();
      const results = new Map<string, Document>();
      for (const d of old) results.set(idToString(d.meta.result_id), d.meta);
      for (const [key, meta] of results) {
        touched.add(key);
        if (!dryRun) await this.downsampleSeriesOf(meta, ms);
      }
    }
    const results = await this.c.results
      .find({ created_at: { $lt: cutoff }, ...finerThan(ms, 'series_') })
      .toArray();
    for (const r of results) {
      const metrics = (r.metrics ?? {}) as Record<string, unknown>;
      const set: Document = { series_interval_ms: ms };
      let shrinks = false;
      for (const key of SERIES) {
        const points = metrics[key];
        if (!Array.isArray(points)) continue;
        const less = downsampleSeries(points as StoredPoint[], ms);
        if (less.length < points.length) shrinks = true;
        set[`metrics.${key}`] = less;
      }
      if (shrinks) touched.add(idToString(r._id));
      if (!dryRun) await this.c.results.updateOne({ _id: r._id }, { $set: set });
    }
    return touched.size;
  }

  /** One result's time-series samples at `ms`: the means go in first, then the old go by meta. */
  private async downsampleSeriesOf(meta: Document, ms: number): Promise<void> {
    const docs = await this.c.samples.find({ 'meta.result_id': meta.result_id }).toArray();
    const samples = downsampleSamples(
      docs.map(
        ({ t, meta: _m, _id, ...figures }) =>
          ({ t: (t as Date).getTime(), ...figures }) as HardwareSample,
      ),
      ms,
    );
    const kept = {
      result_id: meta.result_id,
      session_id: meta.session_id,
      downsampled: true,
      interval_ms: ms,
    };
    // A failure between the two steps duplicates, never loses, data.
    await this.c.samples.insertMany(
      samples.map(({ t, ...figures }) => ({ t: new Date(t), meta: kept, ...figures })),
      { ordered: true },
    );
    await this.c.samples.deleteMany({
      'meta.result_id': meta.result_id,
      'meta.interval_ms': { $ne: ms },
    });
  }
}
