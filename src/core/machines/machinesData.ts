// What the Machines view and the leaderboard read from a store: every session (page by page) and
// every machine's hardware document by id.
import type { HardwareConfig, SessionDoc } from '../../shared/dto';
import type { MachinesRequest, MachinesView } from '../../shared/machines';
import { machinesView } from './machineRows';
import type { HistoryFilter } from '../../shared/history';
import type { OpenedStore } from '../repositories/openedStore';
import { MAX_PAGE_SIZE } from '../sessions/historyQuery';

export interface MachinesInput {
  sessions: SessionDoc[];
  hardware: Map<string, HardwareConfig>;
}

export async function loadMachinesInput(
  store: Pick<OpenedStore, 'sessions'>,
  filter: HistoryFilter = {},
): Promise<MachinesInput> {
  const sessions: SessionDoc[] = [];
  for (let page = 0; ; page++) {
    const got = await store.sessions.querySessions({ filter, page, pageSize: MAX_PAGE_SIZE });
    sessions.push(...got.items);
    if (got.items.length < MAX_PAGE_SIZE) break;
  }
  const hardware = new Map<string, HardwareConfig>();
  for (const hw of await store.sessions.listHardwareConfigs())
    if (hw._id) hardware.set(String(hw._id), hw);
  return { sessions, hardware };
}

/** The Machines view a request asks for, over the whole store. */
export async function buildMachinesView(
  store: Pick<OpenedStore, 'sessions'>,
  request: MachinesRequest,
): Promise<MachinesView> {
  const input = await loadMachinesInput(store);
  return machinesView(input.sessions, input.hardware, request);
}
