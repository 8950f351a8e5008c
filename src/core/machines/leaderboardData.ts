// The offline leaderboard's content: sessions and machines from a store and any bundles, merged
// (a session once by _id, a machine once by fingerprint, whatever its _id in each source), then
// per model the Machines view of the test most machines ran, and per machine the models it ran.
import type { HardwareConfig, SessionDoc } from '../../shared/dto';
import type { MachineFigure, MachineSortKey, MachinesView } from '../../shared/machines';
import { sessionDto } from '../sessions/sessionRepository';
import { HardwareFields } from '../sessions/sessionFields';
import { fromStored } from '../store/bsonMapping';
import { CollectionNames } from '../store/storeCollection';
import type { ArchiveEntry } from '../transfer/archiveFormat';
import { machineChoices, machinesView } from './machineRows';
import type { MachinesInput } from './machinesData';

export interface LeaderboardSource {
  sessions: readonly SessionDoc[];
  hardware: Iterable<HardwareConfig>;
}

export interface LeaderboardMachine {
  machine_id: string;
  hostname: string;
  fingerprint?: string;
  models: { model: string; suite: string; n: number; figure?: MachineFigure }[];
}

export interface Leaderboard {
  sort: MachineSortKey;
  models: MachinesView[];
  machines: LeaderboardMachine[];
  fingerprints: Map<string, string>;
}

/** A bundle's (or archive's) documents as sessions and machines; the documents become DTOs in place. */
export function sourceOfEntries(entries: readonly ArchiveEntry[]): LeaderboardSource {
  return {
    sessions: entries
      .filter((e) => e.collection === CollectionNames.sessions)
      .map((e) => sessionDto(e.doc)),
    hardware: entries
      .filter((e) => e.collection === CollectionNames.hardwareConfigs)
      .map((e) => fromStored<HardwareConfig>(e.doc, HardwareFields)),
  };
}

/** One set of sessions and machines: duplicates dropped, machines keyed by fingerprint. */
export function mergeSources(sources: readonly LeaderboardSource[]): MachinesInput {
  const byFingerprint = new Map<string, string>();
  const canonical = new Map<string, string>();
  const hardware = new Map<string, HardwareConfig>();
  for (const src of sources)
    for (const hw of src.hardware) {
      if (!hw._id) continue;
      const id = String(hw._id);
      const first = byFingerprint.get(hw.fingerprint) ?? id;
      byFingerprint.set(hw.fingerprint, first);
      canonical.set(id, first);
      if (!hardware.has(first)) hardware.set(first, hw);
    }
  const seen = new Set<string>();
  const sessions: SessionDoc[] = [];
  for (const src of sources)
    for (const s of src.sessions) {
      const id = s._id === undefined ? undefined : String(s._id);
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      const hw = s.hardware_config_id;
      sessions.push(hw ? { ...s, hardware_config_id: canonical.get(hw) ?? hw } : s);
    }
  return { sessions, hardware };
}

export function leaderboard(input: MachinesInput, sort: MachineSortKey): Leaderboard {
  // No result at all: an empty board, not an error.
  const models = machineChoices(input.sessions).map((c) =>
    machinesView(input.sessions, input.hardware, { model: c.model, sort }),
  );
  const machines = new Map<string, LeaderboardMachine>();
  for (const view of models)
    for (const row of view.machines) {
      const m = machines.get(row.machine_id) ?? {
        machine_id: row.machine_id,
        hostname: row.hostname,
        ...(input.hardware.get(row.machine_id)?.fingerprint
          ? { fingerprint: input.hardware.get(row.machine_id)?.fingerprint }
          : {}),
        models: [],
      };
      const figure = sort === 'localscore' ? undefined : row[sort];
      m.models.push({
        model: view.model,
        suite: view.suite,
        n: row.n,
        ...(figure ? { figure } : {}),
      });
      machines.set(row.machine_id, m);
    }
  const fingerprints = new Map(
    [...input.hardware].map(([id, hw]) => [id, hw.fingerprint] as [string, string]),
  );
  return {
    sort,
    models,
    machines: [...machines.values()].sort((a, b) => a.hostname.localeCompare(b.hostname)),
    fingerprints,
  };
}
