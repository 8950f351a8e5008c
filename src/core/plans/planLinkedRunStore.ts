// A run's writes, stamped with the config (and plan) it runs for: the session and every test
// result carry config_id and plan_id, and the config links its session the moment it exists, so
// even a worker that dies mid-run leaves a session the config points at.
import type { SessionDoc, TestResultDoc } from '../../shared/dto';
import type { RunStore } from '../store/runStore';

export interface PlanLink {
  config_id: string;
  plan_id: string;
}

export class PlanLinkedRunStore implements RunStore {
  sessionId: string | undefined;

  constructor(
    private readonly inner: RunStore,
    private readonly link: PlanLink,
    private readonly onSession: (sessionId: string) => Promise<void>,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  async insertSession(session: SessionDoc): Promise<string> {
    const id = await this.inner.insertSession({ ...session, ...this.link });
    this.sessionId = id;
    await this.onSession(id);
    return id;
  }

  updateSession(session: SessionDoc & { _id: string }): Promise<void> {
    return this.inner.updateSession({ ...session, ...this.link });
  }

  insertTestResult(result: TestResultDoc): Promise<string> {
    return this.inner.insertTestResult({ ...result, ...this.link });
  }

  upsertModel: RunStore['upsertModel'] = (model) => this.inner.upsertModel(model);
  saveHardwareConfig: RunStore['saveHardwareConfig'] = (config) =>
    this.inner.saveHardwareConfig(config);
}
