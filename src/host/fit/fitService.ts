// The fit advisor for the extension: the configured num_ctx (ollamaBench.benchmark.numCtx), the
// GPU memory (ollamaBench.fit.vram: "auto" reads the hardware inventory, once; or bytes, e.g. for
// an Ollama on another machine) and the server's KV cache type, applied to a list of models.
import type * as vscode from 'vscode';
import { serverKvCacheType } from '../../core/fit/kvCacheType';
import { fitMachine, fitModels, fitPredictor } from '../../core/fit/modelFits';
import type { FitMachine } from '../../core/fit/fitAdvisor';
import type { SettingKey } from '../../core/settings/settingsSchema';
import type { ModelFit } from '../../core/models/modelTree';
import type { HardwareConfig, ModelInfo } from '../../shared/dto';
import { loadBenchBundle } from '../lazyBundles';
import type { SettingsReader } from '../settings';

/** The settings the fit verdicts depend on. */
export const FIT_SETTINGS: readonly SettingKey[] = ['fit.vram', 'benchmark.numCtx'];

export class FitService {
  private inventory: Promise<HardwareConfig> | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: SettingsReader,
  ) {}

  /** The GPU memory and RAM to fit against (ollamaBench.fit.vram, else this machine's). */
  async machine(host: string): Promise<FitMachine> {
    const vram = this.settings.get('fit.vram');
    return fitMachine(vram, () => {
      // The machine does not change while VS Code runs: its inventory is read once.
      this.inventory ??= loadBenchBundle()
        .createHardwareMonitor({ ollamaHost: host })
        .inventory()
        .catch((err: unknown) => {
          this.inventory = undefined;
          throw err;
        });
      return this.inventory;
    });
  }

  /** The runner's predictFit (the estimate stored beside what /api/ps reports). */
  predictor(host: string) {
    return fitPredictor(host, () => this.machine(host), serverKvCacheType());
  }

  /** Fits at `numCtx` (default: the configured one); models without a geometry are left out. */
  async fits(
    host: string,
    models: readonly Pick<ModelInfo, 'name' | 'size'>[],
    numCtx = this.settings.get('benchmark.numCtx'),
  ): Promise<Map<string, ModelFit>> {
    const machine = await this.machine(host);
    const reports = await fitModels(
      host,
      models,
      { numCtx, kvCacheType: serverKvCacheType(), machine },
      { onWarning: (m) => this.log.debug(m) },
    );
    return new Map([...reports].map(([name, report]) => [name, { report, numCtx }]));
  }
}
