// The machine's chart groups: every recorded figure in its group, x in seconds from the origin,
// "not available" (listed as missing, no points) where no sample has the figure, never 0; the
// session detail puts every result on one axis with the tests as phases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { machineDetail } from '../../src/core/dashboard/machineDetail';
import { LiveRecorder } from '../../src/core/live/liveRecorder';
import type { HardwareSample, SessionDoc, TestResultDoc } from '../../src/shared/dto';
import {
  machineChartGroups,
  type MachineChart,
  type MachineLineChart,
} from '../../src/shared/machineCharts';

const GIB = 1024 ** 3;

const samples: HardwareSample[] = [
  {
    t: 1000,
    cpu_total: 50,
    cpu_user: 40,
    cpu_system: 8,
    cpu_iowait: 2,
    cpu_per_core: [90, 10],
    mem_used: 2 * GIB,
    mem_available: 6 * GIB,
    disk_read_bps: 1e6,
    gpus: [{ index: 0, utilization: 90, power_draw: 250, clock_sm_mhz: 1900 }],
  },
  {
    t: 3000,
    cpu_total: 70,
    cpu_per_core: [100, 40],
    mem_used: 3 * GIB,
    mem_available: 5 * GIB,
    disk_read_bps: 3e6,
    gpus: [{ index: 0, utilization: 95, power_draw: 260 }],
  },
];

const chartOf = (charts: MachineChart[], id: string) => {
  const c = charts.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};

describe('machine chart groups', () => {
  it('groups CPU, memory, I/O, Ollama and each GPU; x in seconds from the origin', () => {
    const groups = machineChartGroups(samples, 0);
    assert.deepEqual(
      groups.map((g) => g.id),
      ['cpu', 'memory', 'io', 'ollama', 'gpu0'],
    );
    const cpu = groups[0]!.charts;
    assert.deepEqual((chartOf(cpu, 'cpu-total') as MachineLineChart).lines, [
      {
        label: 'total',
        points: [
          [1, 50],
          [3, 70],
        ],
      },
    ]);
    const split = chartOf(cpu, 'cpu-split') as MachineLineChart;
    assert.deepEqual(
      split.lines.map((l) => [l.label, l.points.length]),
      [
        ['user', 1],
        ['system', 1],
        ['iowait', 1],
      ],
    );
    assert.deepEqual(chartOf(cpu, 'cpu-cores'), {
      kind: 'heatmap',
      id: 'cpu-cores',
      title: 'Per-core load',
      unit: '%',
      times: [1, 3],
      rows: [
        [90, 100],
        [10, 40],
      ],
      missing: [],
    });
    const memory = chartOf(groups[1]!.charts, 'memory') as MachineLineChart;
    assert.deepEqual(memory.lines[0]!.points, [
      [1, 2],
      [3, 3],
    ]);
    assert.deepEqual(memory.missing, ['swap used']);
    const gpu = groups[4]!.charts;
    assert.deepEqual((chartOf(gpu, 'gpu0-clocks') as MachineLineChart).missing, ['memory']);
  });

  it('what no sample has is "not available": no points, never 0', () => {
    const groups = machineChartGroups(samples, 0);
    const temp = chartOf(groups[0]!.charts, 'cpu-temperature') as MachineLineChart;
    assert.deepEqual([temp.lines, temp.missing], [[], ['CPU']]);
    const ollama = groups.find((g) => g.id === 'ollama')!;
    for (const c of ollama.charts) assert.deepEqual((c as MachineLineChart).lines, []);
    const none = machineChartGroups([{ t: 0, cpu_total: 5 }], 0);
    const gpu = none.find((g) => g.id === 'gpu')!;
    assert.deepEqual((gpu.charts[0] as MachineLineChart).lines, [], 'no GPU: one group saying so');
    assert.deepEqual((chartOf(none[0]!.charts, 'cpu-cores') as { rows: unknown[] }).rows, []);
  });

  it('bounds the points of a long session', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ t: i * 100, cpu_total: i % 100 }));
    const [cpu] = machineChartGroups(many, 0, 500);
    const total = chartOf(cpu!.charts, 'cpu-total') as MachineLineChart;
    assert.equal(total.lines[0]!.points.length, 500);
    assert.deepEqual(total.lines[0]!.points.at(-1), [999.9, 99]);
  });

  it('the session detail: all results on one axis from the session start, tests as phases', () => {
    const session = {
      start_time: new Date(0).toISOString(),
      models: [
        {
          name: 'm',
          tests: [
            {
              type: 'A',
              status: 'completed',
              start_time: new Date(500).toISOString(),
              end_time: new Date(3500).toISOString(),
              metrics: { flags: [] },
              logs: [],
            },
          ],
        },
      ],
    } as unknown as SessionDoc;
    const result = { samples } as unknown as TestResultDoc;
    const m = machineDetail(session, [result])!;
    assert.deepEqual(m.phases, [{ kind: 'test', label: 'm · A', start: 500, end: 3500 }]);
    assert.equal(m.groups.length, 5);
    assert.equal(machineDetail(session, [{ ...result, samples: [] }]), undefined);
  });
});

describe('the live panel gets the raw samples for its chart groups', () => {
  it('snapshot and deltas carry every figure of each sample, new ones only in a delta', () => {
    const r = new LiveRecorder();
    r.apply({
      type: 'session-started',
      session_id: 's',
      models: ['m'],
      suites: ['A'],
      repetitions: 1,
      t: 0,
    });
    r.takeDelta();
    r.apply({ type: 'hardware-sample', sample: samples[0]! });
    const first = r.takeDelta();
    assert.deepEqual(first.samples, [samples[0]]);
    r.apply({ type: 'log', level: 'info', message: 'x', t: 1 });
    assert.equal('samples' in r.takeDelta(), false, 'no new sample, no field');
    r.apply({ type: 'hardware-sample', sample: samples[1]! });
    assert.deepEqual(r.snapshot().samples, samples);
  });
});
