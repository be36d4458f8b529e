import type { Lang } from '../../../common/catalogue.js';
import type { TimeWindowDays, WidgetView } from '../../../common/staff.js';
import type { UnitConfigFields, UnitConfigsStore } from '../unit-configs.js';
import { run, statement, type PgDb } from './pg-db.js';

interface Row {
  unitId: string;
  enabledCategories: string | null;
  defaultView: WidgetView | null;
  timeWindowDays: TimeWindowDays | null;
  defaultLang: Lang | null;
  accentColor: string | null;
  photosEnabled: number | null;
  allowedOrigins: string | null;
}

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
    return new Map((await run<Row>(this.db, ALL)).rows.map(({ unitId, ...row }) => [unitId, fromRow(row)]));
  }

  async save(unitId: string, fields: UnitConfigFields, at: string): Promise<void> {
    await run(this.db, UPSERT, [
      unitId, json(fields.enabledCategories), fields.defaultView, fields.timeWindowDays, fields.defaultLang,
      fields.accentColor, fields.photosEnabled === null ? null : Number(fields.photosEnabled), json(fields.allowedOrigins), at,
    ]);
  }
}

function fromRow(row: Omit<Row, 'unitId'>): UnitConfigFields {
  return {
    enabledCategories: row.enabledCategories === null ? null : (JSON.parse(row.enabledCategories) as string[]),
    defaultView: row.defaultView,
    timeWindowDays: row.timeWindowDays,
    defaultLang: row.defaultLang,
    accentColor: row.accentColor,
    photosEnabled: row.photosEnabled === null ? null : row.photosEnabled === 1,
    allowedOrigins: row.allowedOrigins === null ? null : (JSON.parse(row.allowedOrigins) as string[]),
  };
}

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
