import { performance } from 'node:perf_hooks';
import { openEmbeddedStore } from '/work/wt/storing/src/core/repositories/openStore';
const dir = process.argv[2]!;
async function main() {
  const store = await openEmbeddedStore(dir);
  const c = store.backend.collections;
  const hw = await c.hardwareConfigs.findOne({ fingerprint: 'bench-machine' });
  const proj: Record<string, 1> = { start_time: 1, 'options.num_ctx': 1, 'options.suite_options': 1, 'options.suite_concurrency': 1, 'models.name': 1, 'models.load_time': 1, 'models.tests.type': 1, 'models.tests.status': 1, 'models.tests.result_id': 1, 'models.tests.metrics.flags': 1 };
  for (const f of ['tokens_per_second','prompt_tokens_per_second','ttft_ms','tpot_ms','aggregate_tokens_per_second','load_time','vram_usage','ram_usage']) proj[`models.tests.metrics.${f}`] = 1;
  for (let r = 0; r < 10; r++) {
    let t = performance.now(); const cu = process.cpuUsage();
    const docs = [] as unknown[]; void proj;
    const a = performance.now() - t; t = performance.now();
    const noproj = [] as unknown[];
    const b = performance.now() - t; t = performance.now();
    const { report } = await store.rankings.rank({ useCase: 'bench-all', machine: 'bench-machine', weights: new Map(['tokens_per_second','prompt_tokens_per_second','ttft_ms','tpot_ms','aggregate_tokens_per_second','load_time','vram_usage','ram_usage'].map((f, j) => [f, 1 + ((r + j) % 3)])) as never });
    const d = performance.now() - t;
    console.log(`find+proj ${a.toFixed(1)} find ${b.toFixed(1)} rank ${d.toFixed(1)} (${docs.length} ${noproj.length} ${report.ranking.length})`, process.cpuUsage(cu).user/1000);
  }
  await store.close();
}
void main();
