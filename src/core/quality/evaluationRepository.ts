// `model_evaluations`: one document per eval of a model on a set, never per machine (answers do
// not depend on it). Written once in MongoDB's language, so both backends behave the same.
import { ObjectId, type Document } from 'bson';
import type { ModelEvaluation } from '../../shared/evaluation';
import { idToString } from '../store/bsonMapping';
import type { StoreCollection } from '../store/storeCollection';

function fromStored(d: Document): ModelEvaluation {
  const { _id, evaluated_at, ...rest } = d;
  return {
    ...(rest as Omit<ModelEvaluation, '_id' | 'evaluated_at'>),
    _id: idToString(_id),
    evaluated_at: evaluated_at instanceof Date ? evaluated_at.toISOString() : String(evaluated_at),
  };
}

export class EvaluationRepository {
  constructor(private readonly evaluations: StoreCollection) {}

  /** Stores one evaluation; returns its id. */
  async insert(evaluation: ModelEvaluation): Promise<string> {
    const { _id: _ignored, evaluated_at, ...fields } = evaluation;
    const _id = new ObjectId();
    await this.evaluations.insertOne({ ...fields, _id, evaluated_at: new Date(evaluated_at) });
    return idToString(_id);
  }

  /** A complete evaluation with this key (model digest, set hash, options), if one is stored. */
  async findComplete(key: string): Promise<ModelEvaluation | undefined> {
    const d = await this.evaluations.findOne({ key, complete: true });
    return d ? fromStored(d) : undefined;
  }

  /** Every evaluation, newest first; optionally of one set (by name) or one model. */
  async list(filter: { set?: string; model?: string } = {}): Promise<ModelEvaluation[]> {
    const q: Document = {};
    if (filter.set !== undefined) q['set.name'] = filter.set;
    if (filter.model !== undefined) q.model = filter.model;
    const docs = await this.evaluations.find(q, { sort: { evaluated_at: -1 } }).toArray();
    return docs.map(fromStored);
  }

  /** Each model's latest complete evaluation on the set of this name. */
  async latestPerModel(set: string): Promise<ModelEvaluation[]> {
    const latest = new Map<string, ModelEvaluation>();
    for (const e of await this.list({ set }))
      if (e.complete && !latest.has(e.model)) latest.set(e.model, e);
    return [...latest.values()];
  }
}
