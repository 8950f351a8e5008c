// Session documents for the dashboard and protocol tests: small, varied, realistic.
import type { SessionDoc, TestResultDoc, TestStatus } from '../../src/shared/dto';

export interface TestSpec {
  type: string;
  tps?: number;
  prompt?: number;
  ttft?: number;
  status?: TestStatus;
  numPredict?: number;
}

export function sessionDoc(
  start: string,
  models: Record<string, TestSpec[]>,
  extra: Partial<SessionDoc> = {},
): SessionDoc {
  const suiteOptions: Record<string, { num_predict: number }> = {};
  for (const tests of Object.values(models))
    for (const t of tests) suiteOptions[t.type] = { num_predict: t.numPredict ?? 256 };
  return {
    status: 'completed',
    start_time: start,
    end_time: new Date(Date.parse(start) + 60_000).toISOString(),
    tags: [],
    models: Object.entries(models).map(([name, tests]) => ({
      name,
      tests: tests.map((t) => ({
        type: t.type,
        status: t.status ?? 'completed',
        metrics: {
          ...(t.tps !== undefined ? { tokens_per_second: t.tps } : {}),
          ...(t.prompt !== undefined ? { prompt_tokens_per_second: t.prompt } : {}),
          ...(t.ttft !== undefined ? { ttft_ms: t.ttft } : {}),
          flags: [],
        },
        logs: [],
      })),
    })),
    options: {
      host: 'http://127.0.0.1:11434',
      suites: [...new Set(Object.values(models).flatMap((ts) => ts.map((t) => t.type)))],
      repetitions: 3,
      warmup: true,
      num_ctx: 4096,
      seed: 42,
      temperature: 0,
      keep_alive: '10m',
      suite_options: suiteOptions,
    },
    created_at: start,
    updated_at: start,
    ...extra,
  };
}

export function resultDoc(
  sessionId: string,
  model: string,
  type: string,
  samples = 0,
): TestResultDoc {
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  return {
    session_id: sessionId,
    model_name: model,
    test_type: type,
    status: 'completed',
    metrics: {
      tokens_per_second: 50,
      ram_usage: [],
      vram_usage: [],
      cpu_usage: [],
      gpu_usage: [],
      stats: {
        tokens_per_second: {
          mean: 50,
          sd: 1,
          min: 49,
          max: 51,
          p50: 50,
          p90: 51,
          p99: 51,
          cv: 0.02,
          n: 3,
        },
      },
      repetitions: [],
      flags: [],
    },
    output: 'Hello',
    logs: ['one'],
    samples: Array.from({ length: samples }, (_, i) => ({
      t: t0 + i * 500,
      cpu_total: 10 + (i % 50),
      mem_used: 8 * 1024 ** 3,
      mem_total: 16 * 1024 ** 3,
    })),
    created_at: new Date(t0).toISOString(),
  };
}
