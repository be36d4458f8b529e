import type { Database, Statement } from 'better-sqlite3';
import type { Lang } from '../../common/catalogue.js';
import type { TimeWindowDays, WidgetView } from '../../common/staff.js';

/** A unit's own widget settings; null means "inherit from the parent unit". */
export interface UnitConfigFields {
  enabledCategories: string[] | null;
  defaultView: WidgetView | null;
  timeWindowDays: TimeWindowDays | null;
  defaultLang: Lang | null;
  accentColor: string | null;
  photosEnabled: boolean | null;
  allowedOrigins: string[] | null;
}

interface Row {
  enabledCategories: string | null;
  defaultView: WidgetView | null;
  timeWindowDays: TimeWindowDays | null;
  defaultLang: Lang | null;
  accentColor: string | null;
  photosEnabled: number | null;
  allowedOrigins: string | null;
}

const COLUMNS = `uc.enabled_categories AS enabledCategories, uc.default_view AS defaultView,
  uc.time_window_days AS timeWindowDays, uc.default_lang AS defaultLang, uc.accent_color AS accentColor,
  uc.photos_enabled AS photosEnabled, uc.allowed_origins AS allowedOrigins`;

// The unit and its ancestors, nearest first, with whatever each one sets.
const CHAIN = `WITH RECURSIVE chain (id, depth) AS (
    SELECT id, 0 FROM units WHERE id = ?
    UNION ALL
    SELECT u.parent_id, c.depth + 1 FROM units u JOIN chain c ON u.id = c.id WHERE u.parent_id IS NOT NULL
  )
  SELECT c.id AS unitId, ${COLUMNS} FROM chain c LEFT JOIN unit_configs uc ON uc.unit_id = c.id ORDER BY c.depth`;

/** Widget configs per unit (all unit_configs SQL). */
export class UnitConfigsRepository {
  private readonly own: Statement<[string], Row>;
  private readonly chainRows: Statement<[string], Row & { unitId: string }>;
  private readonly upsert: Statement<unknown[]>;
  private readonly anyOrigins: Statement<[], number>;
  private changes = 0;

  constructor(db: Database) {
    this.own = db.prepare(`SELECT ${COLUMNS} FROM unit_configs uc WHERE uc.unit_id = ?`);
    this.chainRows = db.prepare(CHAIN);
    this.upsert = db.prepare(
      `INSERT INTO unit_configs (unit_id, enabled_categories, default_view, time_window_days, default_lang,
         accent_color, photos_enabled, allowed_origins, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (unit_id) DO UPDATE SET enabled_categories = excluded.enabled_categories,
         default_view = excluded.default_view, time_window_days = excluded.time_window_days,
         default_lang = excluded.default_lang, accent_color = excluded.accent_color,
         photos_enabled = excluded.photos_enabled, allowed_origins = excluded.allowed_origins,
         updated_at = excluded.updated_at`,
    );
    this.anyOrigins = db.prepare('SELECT count(*) FROM unit_configs WHERE allowed_origins IS NOT NULL').pluck() as Statement<[], number>;
  }

  /** Bumped by every write, so cached effective configs know when they are stale. */
  get version(): number {
    return this.changes;
  }

  /** The unit's own fields (all null when it has never been configured). */
  ownOf(unitId: string): UnitConfigFields {
    const row = this.own.get(unitId);
    return row ? fromRow(row) : emptyConfig();
  }

  /** The own fields of the unit and each ancestor, nearest first (empty for an unknown unit). */
  chainOf(unitId: string): (UnitConfigFields & { unitId: string })[] {
    return this.chainRows.all(unitId).map((row) => ({ unitId: row.unitId, ...fromRow(row) }));
  }

  save(unitId: string, fields: UnitConfigFields, at: string): void {
    this.changes++;
    this.upsert.run(
      unitId, json(fields.enabledCategories), fields.defaultView, fields.timeWindowDays, fields.defaultLang,
      fields.accentColor, fields.photosEnabled === null ? null : Number(fields.photosEnabled), json(fields.allowedOrigins), at,
    );
  }

  /** True once any unit restricts its embedding origins. */
  anyAllowedOrigins(): boolean {
    return this.anyOrigins.get()! > 0;
  }
}

export function emptyConfig(): UnitConfigFields {
  return {
    enabledCategories: null, defaultView: null, timeWindowDays: null, defaultLang: null,
    accentColor: null, photosEnabled: null, allowedOrigins: null,
  };
}

function fromRow(row: Row): UnitConfigFields {
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
