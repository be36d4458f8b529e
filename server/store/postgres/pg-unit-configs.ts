import { rowOfUnitConfig, unitConfigOfRow, type UnitConfigFields, type UnitConfigRow, type UnitConfigsStore } from '../unit-configs.js';
import { run, statement, type PgDb } from './pg-db.js';

type Row = UnitConfigRow & { unitId: string };

const ALL = statement('unit_configs_all', `SELECT unit_id AS "unitId", enabled_categories AS "enabledCategories", default_view AS "defaultView",
    time_window_days AS "timeWindowDays", default_lang AS "defaultLang", accent_color AS "accentColor",
    photos_enabled AS "photosEnabled", allowed_origins AS "allowedOrigins"
  FROM unit_configs`);
// The JSON columns stay text, as in SQLite.
const UPSERT = statement('unit_configs_upsert', `INSERT INTO unit_configs (unit_id, enabled_categories, default_view, time_window_days,
    default_lang, accent_color, photos_enabled, allowed_origins, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (unit_id) DO UPDATE SET enabled_categories = excluded.enabled_categories,
    default_view = excluded.default_view, time_window_days = excluded.time_window_days,
    default_lang = excluded.default_lang, accent_color = excluded.accent_color,
    photos_enabled = excluded.photos_enabled, allowed_origins = excluded.allowed_origins,
    updated_at = excluded.updated_at`);

/** Widget configs per unit. */
export class PgUnitConfigs implements UnitConfigsStore {
  constructor(private readonly db: PgDb) {}

  async all(): Promise<Map<string, UnitConfigFields>> {
    return new Map((await run<Row>(this.db, ALL)).rows.map(({ unitId, ...row }) => [unitId, unitConfigOfRow(row)]));
  }

  async save(unitId: string, fields: UnitConfigFields, at: string): Promise<void> {
    await run(this.db, UPSERT, [unitId, ...rowOfUnitConfig(fields), at]);
  }
}
