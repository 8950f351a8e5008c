// Where the sessions repository's documents hold BSON dates and ids (bsonMapping.ts translates).
import type { FieldMap } from '../store/bsonMapping';

export const SessionFields: FieldMap = {
  dates: [
    'start_time',
    'end_time',
    'created_at',
    'updated_at',
    'models[].tests[].start_time',
    'models[].tests[].end_time',
  ],
  ids: [
    '_id',
    'hardware_config_id',
    'models[].model_id',
    'models[].tests[].result_id',
    // benchmark plans
    'config_id',
    'plan_id',
  ],
};

export const ResultFields: FieldMap = {
  dates: [
    'created_at',
    'metrics.ram_usage[].timestamp',
    'metrics.vram_usage[].timestamp',
    'metrics.cpu_usage[].timestamp',
    'metrics.gpu_usage[].timestamp',
  ],
  ids: ['_id', 'session_id', 'model_id', 'config_id', 'plan_id'],
};

export const ModelFields: FieldMap = {
  dates: ['modified_at', 'expires_at', 'created_at', 'updated_at', 'versions[].recorded_at'],
  ids: ['_id'],
};

export const HardwareFields: FieldMap = { dates: ['created_at', 'updated_at'], ids: ['_id'] };
