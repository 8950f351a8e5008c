// Builds a plan's matrix (src/shared/planMatrix.ts) from its configs and the sessions they ran.
import type { OpenedStore } from '../repositories/openedStore';
import type { SessionDoc } from '../../shared/dto';
import type { MatrixCell, MatrixColumn, MatrixFigure, PlanMatrix } from '../../shared/planMatrix';
import type { BenchmarkConfig, BenchmarkPlan } from '../../shared/plans';

function columnOf(c: BenchmarkConfig): MatrixColumn & { order: [string, number, number] } {
  const conc = c.options.concurrency;
  return {
    key: `${c.suite}|${c.options.num_ctx}|${conc ?? ''}`,
    label: `${c.suite} · ctx ${c.options.num_ctx}${conc !== undefined ? ` · ×${conc}` : ''}`,
    order: [c.suite, c.options.num_ctx, conc ?? 0],
  };
}

export function buildPlanMatrix(
  plan: Pick<BenchmarkPlan, '_id' | 'name'>,
  configs: readonly BenchmarkConfig[],
  sessions: ReadonlyMap<string, SessionDoc>,
  figure: MatrixFigure,
): PlanMatrix {
  const columns = new Map<string, ReturnType<typeof columnOf>>();
  for (const c of configs) {
    const col = columnOf(c);
    columns.set(col.key, col);
  }
  const ordered = [...columns.values()].sort((a, b) => {
    const [s1, n1, c1] = a.order;
    const [s2, n2, c2] = b.order;
    return s1 < s2 ? -1 : s1 > s2 ? 1 : n1 - n2 || c1 - c2;
  });
  const index = new Map(ordered.map((c, i) => [c.key, i]));
  const models = [...new Set(configs.map((c) => c.model))];
  const rows = models.map((model) => ({
    model,
    cells: ordered.map(() => null) as (MatrixCell | null)[],
  }));
  const rowOf = new Map(rows.map((row) => [row.model, row]));
  for (const c of configs) {
    const row = rowOf.get(c.model);
    const at = index.get(columnOf(c).key);
    if (!row || at === undefined) continue; // every config's model and column were listed above
    const cell: MatrixCell = { status: c.status };
    if (c.error_message) cell.error = c.error_message;
    if (c.session_id) cell.session_id = c.session_id;
    const test = c.session_id ? sessions.get(c.session_id)?.models[0]?.tests[0] : undefined;
    const value = test?.metrics?.[figure];
    if (c.status === 'completed' && test && typeof value === 'number') {
      cell.value = value;
      if (test.metrics.flags?.length) cell.flags = test.metrics.flags;
    }
    row.cells[at] = cell;
  }
  return {
    plan: plan.name,
    plan_id: plan._id,
    figure,
    columns: ordered.map(({ key, label }) => ({ key, label })),
    rows,
  };
}

/** The matrix of a stored plan: its configs and the sessions of the completed ones. */
export async function loadPlanMatrix(
  store: Pick<OpenedStore, 'plans' | 'sessions'>,
  planName: string,
  figure: MatrixFigure,
): Promise<PlanMatrix> {
  const plans = store.plans;
  const plan = await plans.requirePlan(planName);
  const configs = await plans.configsOf(plan._id);
  const sessions = new Map<string, SessionDoc>();
  for (const c of configs) {
    if (c.status !== 'completed' || !c.session_id) continue;
    const s = await store.sessions.getSession(c.session_id);
    if (s) sessions.set(c.session_id, s);
  }
  return buildPlanMatrix(plan, configs, sessions, figure);
}
