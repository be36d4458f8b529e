import type { Database, Statement } from 'better-sqlite3';
import type { Sync } from '../store/sync.js';
import { rowOfUnitConfig, unitConfigOfRow, type UnitConfigFields, type UnitConfigRow, type UnitConfigsStore } from '../store/unit-configs.js';

export type { UnitConfigFields } from '../store/unit-configs.js';

const COLUMNS = `uc.enabled_categories AS enabledCategories, uc.default_view AS defaultView,
  uc.time_window_days AS timeWindowDays, uc.default_lang AS defaultLang, uc.accent_color AS accentColor,
  uc.photos_enabled AS photosEnabled, uc.allowed_origins AS allowedOrigins`;

/** Widget configs per unit (all unit_configs SQL). */
export class UnitConfigsRepository implements Sync<UnitConfigsStore> {
  private readonly rows: Statement<[], UnitConfigRow & { unitId: string }>;
  private readonly upsert: Statement<unknown[]>;

  constructor(db: Database) {
    this.rows = db.prepare(`SELECT uc.unit_id AS unitId, ${COLUMNS} FROM unit_configs uc`);
    this.upsert = db.prepare(
      `INSERT INTO unit_configs (unit_id, enabled_categories, default_view, time_window_days, default_lang,
         accent_color, photos_enabled, allowed_origins, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (unit_id) DO UPDATE SET enabled_categories = excluded.enabled_categories,
         default_view = excluded.default_view, time_window_days = excluded.time_window_days,
         default_lang = excluded.default_lang, accent_color = excluded.accent_color,
         photos_enabled = excluded.photos_enabled, allowed_origins = excluded.allowed_origins,
         updated_at = excluded.updated_at`,
    );
  }

  all(): Map<string, UnitConfigFields> {
    return new Map(this.rows.all().map(({ unitId, ...row }) => [unitId, unitConfigOfRow(row)]));
  }

  save(unitId: string, fields: UnitConfigFields, at: string): void {
    this.upsert.run(unitId, ...rowOfUnitConfig(fields), at);
  }
}
