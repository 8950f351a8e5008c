// Events a benchmark session emits while it runs. The host turns them into progress and the live
// panel, the CLI into progress lines; all of them are plain JSON.
import type { HardwareSample, RepetitionFigures, SessionDoc, TestMetrics, TestStatus } from './dto';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type BenchEvent =
  | {
      type: 'session-started';
      session_id: string;
      models: string[];
      suites: string[];
      repetitions: number;
      t: number;
    }
  | { type: 'model-started'; model: string; t: number }
  | {
      type: 'model-loaded';
      model: string;
      /** Ollama's load_duration of the cold load; absent when it reported none. */
      load_time_ms?: number;
      /** The cold load on the client's clock (to the first token). */
      load_wall_ms: number;
      t: number;
    }
  | {
      type: 'test-started';
      model: string;
      test: string;
      repetitions: number;
      /** Measured repetitions this test will run (a concurrency suite repeats each level). */
      planned: number;
      t: number;
    }
  | {
      type: 'repetition-done';
      model: string;
      test: string;
      figures: RepetitionFigures;
      /** Repetitions of this test finished so far, this one included, of `planned`. */
      done: number;
      planned: number;
      t: number;
    }
  | {
      type: 'test-done';
      model: string;
      test: string;
      status: TestStatus;
      metrics: TestMetrics;
      error?: string;
      t: number;
    }
  | { type: 'hardware-sample'; sample: HardwareSample }
  | { type: 'log'; level: LogLevel; message: string; model?: string; test?: string; t: number }
  | { type: 'session-done'; session: SessionDoc; t: number };

export type BenchEventType = BenchEvent['type'];
