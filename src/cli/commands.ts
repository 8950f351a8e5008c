// The CLI's subcommands, one module each; this list is the only place that names them all.
import type { Command } from 'commander';
import { registerModelsCommand } from './modelsCommand';
import { registerHardwareCommand } from './hardwareCommand';
import { registerHistoryCommand } from './historyCommand';
import { registerExportCommand } from './exportCommand';
import { registerPruneCommand } from './pruneCommand';
import { registerRunCommand } from './runCommand';
import { registerStoreCheckCommand } from './storeCheckCommand';
import { registerImportCommand } from './importCommand';
import { registerCopyCommand } from './copyCommand';
import { registerSuitesCommand } from './suitesCommand';
// Trends: the CI gate and the self-contained HTML report.
import { registerCompareCommand } from './compareCommand';
import { registerReportCommand } from './reportCommand';
// Benchmark plans: the queue (plan) and what runs it (worker).
import { registerPlanCommand } from './planCommand';
import { registerWorkerCommand } from './workerCommand';
import { registerRankCommand } from './rankCommand';
import { registerFitCommand } from './fitCommand';
import { registerUseCasesCommand } from './useCasesCommand';
import { registerTuneCommand } from './tuneCommand';
// Quality: accuracy on eval sets and quantization drift.
import { registerEvalCommand } from './evalCommand';
import { registerDriftCommand } from './driftCommand';
// Machines side by side: one model across machines, result bundles, the offline leaderboard.
import { registerMachinesCommand } from './machinesCommand';
import { registerBundleCommand } from './bundleCommand';
import { registerLeaderboardCommand } from './leaderboardCommand';

export function registerCommands(program: Command): void {
  registerModelsCommand(program);
  registerHardwareCommand(program);
  registerHistoryCommand(program);
  registerExportCommand(program);
  registerPruneCommand(program);
  registerRunCommand(program);
  registerStoreCheckCommand(program);
  registerImportCommand(program);
  registerCopyCommand(program);
  registerSuitesCommand(program);
  registerCompareCommand(program);
  registerReportCommand(program);
  registerPlanCommand(program);
  registerWorkerCommand(program);
  // Decide: rankings per use case and the VRAM-fit advisor.
  registerRankCommand(program);
  registerFitCommand(program);
  registerUseCasesCommand(program);
  registerTuneCommand(program);
  registerEvalCommand(program);
  registerDriftCommand(program);
  registerMachinesCommand(program);
  registerBundleCommand(program);
  registerLeaderboardCommand(program);
}
