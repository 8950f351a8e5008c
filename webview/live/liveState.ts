// Everything the Live Metrics panel changes while a session runs, in one object: the host's latest
// snapshot and the chart series grown from it. `reset` starts it over for a new snapshot.
import type { LiveHardwarePoint, LivePhase, LiveSnapshot } from '../../src/shared/protocol';
import { emptyHardwareSeries, type HardwareSeries, type XY } from '../lib/chartData';
import type { ThemeColors } from '../lib/theme';

export interface LiveState {
  /** The host's snapshot with every delta applied; undefined until `init`. */
  snap: LiveSnapshot | undefined;
  /** Cold loads and tests, drawn as bands behind the hardware chart. */
  phases: LivePhase[];
  /** Tokens/s and TTFT per repetition, one series per model × test (the charts hold these lists). */
  readonly tokenGroups: Map<string, XY[]>;
  readonly ttftGroups: Map<string, XY[]>;
  /** The hardware chart's series, and the samples as they came for its table. */
  hardware: HardwareSeries;
  hardwareRaw: LiveHardwarePoint[];
  /** Samples the hardware series stands for (more than hardwareRaw once the host thinned it). */
  hardwareSamples: number;
  theme: ThemeColors;
}

export function createLiveState(theme: ThemeColors): LiveState {
  return {
    snap: undefined,
    phases: [],
    tokenGroups: new Map(),
    ttftGroups: new Map(),
    hardware: emptyHardwareSeries(),
    hardwareRaw: [],
    hardwareSamples: 0,
    theme,
  };
}
