// The values the dashboard's filter controls offer, read from the store: models and test types from
// the per-model aggregates, CPU and GPU models from the machines, tags from recent sessions, and
// the benchmark plans.
import type { OpenedStore } from '../repositories/openedStore';
import type { FilterOptions } from '../../shared/protocol';

const sorted = (values: Iterable<string>) =>
  [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));

export async function loadFilterOptions(store: OpenedStore): Promise<FilterOptions> {
  const [aggregates, machines, recent, plans] = await Promise.all([
    store.sessions.modelAggregates({}),
    store.sessions.listHardwareConfigs(),
    store.sessions.querySessions({
      filter: {},
      sort: { field: 'start_time', direction: 'desc' },
      pageSize: 200,
    }),
    store.plans.listPlans(),
  ]);
  return {
    models: sorted(aggregates.map((a) => a.model)),
    testTypes: sorted(aggregates.map((a) => a.test_type)),
    tags: sorted(recent.items.flatMap((s) => s.tags)),
    cpuModels: sorted(machines.map((m) => m.cpu.model)),
    gpuModels: sorted(machines.flatMap((m) => m.gpu.map((g) => g.model))),
    plans: plans.map((p) => ({ id: p._id, name: p.name })),
  };
}
