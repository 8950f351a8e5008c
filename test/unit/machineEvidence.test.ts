// The machine's evidence: RAPL energy from a recorded powercap tree (wrap-around, no read access),
// energy maths checked by hand, the per-test summary figures (absent, never 0), the throttled and
// busy_machine flags, and nvidia-smi's energy, throttle and clock columns from the fake nvidia-smi.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BUSY_MACHINE_PERCENT, machineFlags } from '../../src/core/bench/machineFlags';
import { buildTestResult, emptyProgress } from '../../src/core/bench/testResult';
import { buildCompareView, sessionSubjects } from '../../src/core/dashboard/compare';
import {
  counterGrowth,
  decodeEnergy,
  gpuEnergy,
  integratePower,
} from '../../src/core/hardware/energy';
import { summarizeEvidence } from '../../src/core/hardware/evidenceSummary';
import { parseNvidiaSmiLine } from '../../src/core/hardware/nvidiaSmiParser';
import { NvidiaSmiStream } from '../../src/core/hardware/nvidiaSmiStream';
import { counterDeltaUj, discoverRapl, RaplMeter, raplNotes } from '../../src/core/hardware/rapl';
import { readProcFile } from '../../src/core/hardware/procfs';
import type {
  HardwareSample,
  RepetitionFigures,
  SessionDoc,
  SuiteDefinition,
} from '../../src/shared/dto';
import { FLAG_HELP } from '../../src/shared/flags';
import { fakeNvidiaSmiDir, pathWithFake, waitFor } from '../fixtures/fake-nvidia-smi/testKit';
import { powercapTree, RECORDED_MAX_UJ, type PowercapTree } from '../fixtures/powercap';

/** Reads as a user without root does: a file without read access for others gives nothing. */
const asUser = (path: string): string | undefined =>
  process.getuid?.() === 0 && (statSync(path).mode & 0o004) === 0 ? undefined : readProcFile(path);

describe('RAPL: CPU package energy from powercap', () => {
  let tree: PowercapTree;
  beforeEach(() => {
    tree = powercapTree();
  });
  afterEach(() => tree.remove());

  it('finds the package zones only (not core/dram sub-zones, not the MMIO mirror)', () => {
    const { zones, note } = discoverRapl(tree.root, asUser);
    assert.deepEqual(
      zones.map((z) => z.dir),
      [join(tree.root, 'intel-rapl:0'), join(tree.root, 'intel-rapl:1')],
    );
    assert.equal(zones[0]!.maxUj, RECORDED_MAX_UJ);
    assert.equal(note, undefined);
  });

  it('undoes the counter wrap-around with max_energy_range_uj (by hand)', () => {
    // 262143000000 → wraps at 262143328850 → 500000: 328850 + 500000 = 828850 µJ.
    assert.equal(counterDeltaUj(262143000000, 500000, RECORDED_MAX_UJ), 828850);
    assert.equal(counterDeltaUj(1000, 4000, RECORDED_MAX_UJ), 3000);
    const meter = new RaplMeter(discoverRapl(tree.root, asUser).zones);
    assert.deepEqual(meter.read(0), { joules: 0 });
    tree.setEnergy('intel-rapl:0', 500000); // wrapped: +0.82885 J
    tree.setEnergy('intel-rapl:1', 3000000); // +2 J
    const r = meter.read(2000);
    assert.ok(r);
    assert.ok(Math.abs(r.joules - 2.82885) < 1e-9, String(r.joules));
    assert.ok(Math.abs(r.watts! - 2.82885 / 2) < 1e-9, String(r.watts));
    tree.setEnergy('intel-rapl:0', 1500000); // +1 J
    tree.setEnergy('intel-rapl:1', 3000000); // +0
    const r2 = meter.read(3000);
    assert.ok(Math.abs(r2!.joules - 3.82885) < 1e-9);
    assert.ok(Math.abs(r2!.watts! - 1) < 1e-9);
  });

  it('without read access: no zones, and one note naming the files and the command', () => {
    tree.denyRead('intel-rapl:0');
    tree.denyRead('intel-rapl:1');
    const { zones, note } = discoverRapl(tree.root, asUser);
    assert.deepEqual(zones, []);
    assert.match(note!, /^CPU package energy not available: needs read access to /);
    assert.ok(note!.includes(join(tree.root, 'intel-rapl:0', 'energy_uj')));
    assert.ok(note!.includes(`(sudo chmod a+r ${join(tree.root, 'intel-rapl:*', 'energy_uj')})`));
    assert.deepEqual(raplNotes(tree.root, asUser), [note]);
    assert.equal(new RaplMeter(zones).read(0), undefined, 'the figure stays absent');
  });

  it('a machine without powercap says nothing and has no figure', () => {
    assert.deepEqual(discoverRapl(join(tree.root, 'absent')), { zones: [] });
  });
});

describe('energy maths (checked by hand)', () => {
  const power = [
    { t: 0, v: 100 },
    { t: 1000, v: 200 },
    { t: 2000, v: 200 },
  ];

  it('integrates power with trapezoids between the window edges and the samples', () => {
    // 100→200 W over 1 s = 150 J; 200 W for 1 s = 200 J.
    assert.equal(integratePower(power, { start: 0, end: 2000 }), 350);
    // [0.5 s, 1.5 s]: 150 W at 0.5 s, 200 at 1 s, 200 at 1.5 s → 0.5·175 + 0.5·200 = 187.5 J.
    assert.equal(integratePower(power, { start: 500, end: 1500 }), 187.5);
    // Beyond the last sample the last reading holds: 200 W × 1 s.
    assert.equal(integratePower(power, { start: 2000, end: 3000 }), 200);
    assert.equal(integratePower([], { start: 0, end: 1 }), undefined);
  });

  it('reads a cumulative counter between samples, extended along the nearest pair', () => {
    const counter = [
      { t: 0, v: 10 },
      { t: 1000, v: 110 },
      { t: 2000, v: 310 },
    ];
    // 0.5 s → 60 J, 1.5 s → 210 J.
    assert.equal(counterGrowth(counter, { start: 500, end: 1500 }), 150);
    // 2.5 s extends the last pair (200 J/s) → 410 J.
    assert.equal(counterGrowth(counter, { start: 1000, end: 2500 }), 300);
    assert.equal(counterGrowth([{ t: 0, v: 1 }], { start: 0, end: 1 }), undefined);
  });

  it('uses the GPU driver counter where every sample has it, else power.draw', () => {
    const withCounter: HardwareSample[] = [
      { t: 0, gpus: [{ index: 0, power_draw: 100, energy_mj: 1_000_000 }] },
      { t: 1000, gpus: [{ index: 0, power_draw: 300, energy_mj: 1_250_000 }] },
    ];
    // counter: 250 J (power would say 200 J)
    assert.equal(gpuEnergy(withCounter, { start: 0, end: 1000 }), 250);
    const powerOnly: HardwareSample[] = withCounter.map((s) => ({
      t: s.t,
      gpus: s.gpus!.map(({ energy_mj: _e, ...g }) => g),
    }));
    assert.equal(gpuEnergy(powerOnly, { start: 0, end: 1000 }), 200);
    // Two GPUs add up; one without power adds nothing.
    const two: HardwareSample[] = [
      { t: 0, gpus: [{ index: 0, power_draw: 100 }, { index: 1 }, { index: 2, power_draw: 50 }] },
      {
        t: 2000,
        gpus: [{ index: 0, power_draw: 100 }, { index: 1 }, { index: 2, power_draw: 50 }],
      },
    ];
    assert.equal(gpuEnergy(two, { start: 0, end: 2000 }), 300);
    assert.equal(gpuEnergy([{ t: 0 }, { t: 1 }], { start: 0, end: 1 }), undefined);
  });

  it('energy over the decode windows: GPU + CPU package, per token and tokens per joule', () => {
    const samples: HardwareSample[] = [
      { t: 0, cpu_package_j: 0, gpus: [{ index: 0, power_draw: 200 }] },
      { t: 1000, cpu_package_j: 50, gpus: [{ index: 0, power_draw: 200 }] },
      { t: 2000, cpu_package_j: 100, gpus: [{ index: 0, power_draw: 200 }] },
      { t: 3000, cpu_package_j: 150, gpus: [{ index: 0, power_draw: 200 }] },
    ];
    // Two windows of 1 s: each GPU 200 J + CPU 50 J → 500 J for 100 tokens.
    const e = decodeEnergy(
      samples,
      [
        { start: 0, end: 1000 },
        { start: 2000, end: 3000 },
      ],
      100,
    );
    assert.deepEqual(e, { energy_j: 500, joules_per_token: 5, tokens_per_joule: 0.2 });
    assert.deepEqual(decodeEnergy([{ t: 0, cpu_total: 5 }], [{ start: 0, end: 1 }], 10), {});
  });
});

describe('per-test summary figures', () => {
  it('reduces the window to the named figures, absent where no sample has a source', () => {
    const samples: HardwareSample[] = [
      {
        t: 0,
        temperature: 60,
        swap_used: 100,
        ollama_cpu: 40,
        ollama_rss: 1000,
        disk_read_bps: 10,
        net_rx_bps: 4,
        gpus: [
          { index: 0, temperature: 70, power_draw: 100 },
          { index: 1, temperature: 50, power_draw: 20 },
        ],
      },
      {
        t: 1000,
        temperature: 75,
        swap_used: 50,
        ollama_cpu: 60,
        ollama_rss: 3000,
        disk_read_bps: 30,
        net_rx_bps: 8,
        gpus: [
          { index: 0, temperature: 82, power_draw: 300 },
          { index: 1, temperature: 51 },
        ],
      },
    ];
    assert.deepEqual(summarizeEvidence(samples), {
      cpu_temp_max_c: 75,
      gpu_temp_max_c: 82,
      gpu_power_mean_w: (120 + 300) / 2,
      swap_peak: 100,
      ollama_cpu_usage: 50,
      ollama_rss_peak: 3000,
      disk_read_bps: 20,
      net_rx_bps: 6,
    });
    const none = summarizeEvidence([{ t: 0, cpu_total: 10 }]);
    assert.deepEqual(none, {}, 'a machine without the sources has no figure, not 0');
  });
});

describe('throttled and busy_machine', () => {
  it('throttled: a GPU thermal or power reason, not idle or an application clock setting', () => {
    const gpu = (reasons: number): HardwareSample[] => [
      { t: 0, gpus: [{ index: 0, throttle_reasons: 0 }] },
      { t: 1, gpus: [{ index: 0, throttle_reasons: reasons }] },
    ];
    assert.deepEqual(machineFlags(gpu(0x20)), ['throttled'], 'SW thermal slowdown');
    assert.deepEqual(machineFlags(gpu(0x04)), ['throttled'], 'SW power cap');
    assert.deepEqual(machineFlags(gpu(0x40)), ['throttled'], 'HW thermal slowdown');
    assert.deepEqual(machineFlags(gpu(0x01)), [], 'idle');
    assert.deepEqual(machineFlags(gpu(0x02)), [], 'applications clocks setting');
  });

  it('throttled: the CPU clock fell 15 % below its start while hot', () => {
    const cpu = (mhz: number, temperature: number): HardwareSample[] => [
      { t: 0, cpu_freq_mhz: 4000, temperature: 70 },
      { t: 1, cpu_freq_mhz: mhz, temperature },
    ];
    assert.deepEqual(machineFlags(cpu(3400, 90)), ['throttled'], '−15 %, hot');
    assert.deepEqual(machineFlags(cpu(3500, 90)), [], '−12.5 % is not enough');
    assert.deepEqual(machineFlags(cpu(3000, 60)), [], 'a cool CPU slowing is power saving');
  });

  it('busy_machine: others (total − Ollama − ours) above 20 % on average', () => {
    const busy: HardwareSample[] = [
      { t: 0, cpu_total: 80, ollama_cpu: 40, self_cpu: 5 },
      { t: 1, cpu_total: 70, ollama_cpu: 40, self_cpu: 5 },
    ];
    assert.ok(80 - 45 > BUSY_MACHINE_PERCENT);
    assert.deepEqual(machineFlags(busy), ['busy_machine']);
    const quiet: HardwareSample[] = [{ t: 0, cpu_total: 60, ollama_cpu: 45, self_cpu: 5 }];
    assert.deepEqual(machineFlags(quiet), []);
    // Ollama not visible here (another machine): not judged.
    assert.deepEqual(machineFlags([{ t: 0, cpu_total: 95 }]), []);
  });

  it('both flags are explained on hover', () => {
    assert.match(FLAG_HELP.throttled, /thermal or power/);
    assert.match(FLAG_HELP.busy_machine, /20 %/);
  });
});

describe('a test result carries the evidence', () => {
  const suite: SuiteDefinition = {
    name: 'A',
    description: '',
    kind: 'generation',
    tags: [],
    prompts: ['p'],
    options: { num_predict: 50 },
  };
  const rep = (index: number): RepetitionFigures => ({
    index,
    nonce: String(index),
    tokens_per_second: 50,
    e2e_ms: 1100,
    eval_count: 50,
    eval_duration_ns: 1e9,
    prompt_eval_count: 5,
    prompt_eval_duration_ns: 1e7,
    total_duration_ns: 1.1e9,
    load_duration_ns: 0,
  });

  it('energy_j over the decode windows, joules_per_token, the figures and the flags', () => {
    const progress = emptyProgress(0);
    progress.reps.push(rep(0), rep(1));
    progress.decode.push(
      { window: { start: 0, end: 1000 }, tokens: 50 },
      { window: { start: 2000, end: 3000 }, tokens: 50 },
    );
    const samples: HardwareSample[] = [0, 1000, 2000, 3000].map((t) => ({
      t,
      cpu_total: 90,
      ollama_cpu: 50,
      temperature: 65,
      cpu_package_j: t / 20, // 50 W
      gpus: [
        { index: 0, power_draw: 250, temperature: 80, throttle_reasons: t === 2000 ? 0x4 : 0 },
      ],
    }));
    const { metrics, result } = buildTestResult(progress, {
      sessionId: 's',
      modelName: 'm',
      testType: 'A',
      status: 'completed',
      logs: [],
      suite,
      cpuSpill: false,
      samples,
      createdAt: new Date(0).toISOString(),
    });
    // Two 1 s windows of 250 W GPU + 50 W CPU = 600 J for 100 tokens.
    assert.equal(metrics.energy_j, 600);
    assert.equal(metrics.joules_per_token, 6);
    assert.equal(metrics.tokens_per_joule, 100 / 600);
    assert.equal(metrics.gpu_power_mean_w, 250);
    assert.equal(metrics.gpu_temp_max_c, 80);
    assert.equal(metrics.cpu_temp_max_c, 65);
    assert.equal(metrics.ollama_cpu_usage, 50);
    assert.equal('swap_peak' in metrics, false);
    assert.equal('disk_read_bps' in metrics, false);
    assert.deepEqual(metrics.flags, ['throttled', 'busy_machine']);
    assert.deepEqual(result.metrics.flags, metrics.flags);
  });
});

describe('nvidia-smi evidence columns', () => {
  it('parses the energy counter, the hex throttle mask and the clocks', () => {
    assert.deepEqual(
      parseNvidiaSmiLine(
        '0, 95, 19004, 24564, 84, 350.00, 1000325, 0x0000000000000020, 1605, 10501',
      ),
      {
        index: 0,
        utilization: 95,
        memory_used: 19004 * 1024 * 1024,
        memory_total: 24564 * 1024 * 1024,
        temperature: 84,
        power_draw: 350,
        energy_mj: 1000325,
        throttle_reasons: 0x20,
        clock_sm_mhz: 1605,
        clock_mem_mhz: 10501,
      },
    );
    const old = parseNvidiaSmiLine('0, 5, 1, 2, 40, 50, [N/A], [Not Supported], 300, 405');
    assert.equal('energy_mj' in old!, false);
    assert.equal('throttle_reasons' in old!, false);
  });

  const streams: NvidiaSmiStream[] = [];
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.stop()));
  });

  function stream(env: Record<string, string>, logs: string[]): NvidiaSmiStream {
    const s = new NvidiaSmiStream({
      intervalMs: 100,
      log: (_level, message) => logs.push(message),
      env: { ...process.env, PATH: pathWithFake(), ...env },
      initialBackoffMs: 100,
    });
    streams.push(s);
    s.start();
    return s;
  }

  it('streams power, the energy counter and throttle reasons from the fake nvidia-smi', async () => {
    const logs: string[] = [];
    const s = stream({ FAKE_NVIDIA_SMI_CSV: join(fakeNvidiaSmiDir, 'power-throttle.csv') }, logs);
    const seen = new Set<number>();
    await waitFor('a throttled frame', () => {
      const g = s.latest(Date.now(), 1000)?.[0];
      if (g?.throttle_reasons !== undefined) seen.add(g.throttle_reasons);
      return seen.has(0x24) && g;
    });
    const g = s.latest(Date.now(), 1000)![0]!;
    assert.equal(typeof g.energy_mj, 'number');
    assert.equal(typeof g.clock_sm_mhz, 'number');
    assert.deepEqual(logs, []);
  });

  it('a driver that refuses the evidence columns: asked again for the base columns, said once', async () => {
    const logs: string[] = [];
    const s = stream(
      {
        FAKE_NVIDIA_SMI_MODE: 'old-driver',
        FAKE_NVIDIA_SMI_CSV: join(fakeNvidiaSmiDir, 'power-throttle.csv'),
      },
      logs,
    );
    const g = await waitFor('base figures', () => s.latest(Date.now(), 1000)?.[0]);
    assert.equal(typeof g.power_draw, 'number');
    assert.equal('energy_mj' in g, false);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /does not know the energy, throttle or clock columns/);
  });
});

describe('energy as a comparison criterion', () => {
  const session = (id: string, jpt?: number): SessionDoc =>
    ({
      _id: id,
      start_time: '2025-01-01T00:00:00.000Z',
      options: { num_ctx: 2048 },
      models: [
        {
          name: 'm',
          tests: [
            {
              type: 'A',
              status: 'completed',
              metrics: {
                tokens_per_second: 50,
                flags: [],
                ...(jpt !== undefined ? { joules_per_token: jpt, tokens_per_joule: 1 / jpt } : {}),
              },
              logs: [],
            },
          ],
        },
      ],
    }) as unknown as SessionDoc;

  it('compares joules per token (lower is better) where both measured it, else leaves the row out', () => {
    const view = buildCompareView(sessionSubjects([session('a', 4), session('b', 2)]));
    const jpt = view.rows.find((r) => r.figure === 'joules_per_token')!;
    assert.deepEqual([jpt.values, jpt.deltas, jpt.better], [[4, 2], [null, -0.5], 'lower']);
    assert.equal(view.rows.find((r) => r.figure === 'tokens_per_joule')!.better, 'higher');
    const none = buildCompareView(sessionSubjects([session('a'), session('b')]));
    assert.equal(
      none.rows.some((r) => r.figure === 'joules_per_token'),
      false,
    );
  });
});
