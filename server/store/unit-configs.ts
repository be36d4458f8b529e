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

/**
 * The units' own widget settings. A few hundred rows at most, read whole: the domain keeps them
 * in memory (server/staff/unit-config.ts) and reads them again at most once a second, which is
 * how a save through another app instance reaches this one.
 */
export interface UnitConfigsStore {
  /** Every unit that has settings, with them. */
  all(): Promise<Map<string, UnitConfigFields>>;
  /** Replaces a unit's own settings (inside a unit of work, with its audit entry). */
  save(unitId: string, fields: UnitConfigFields, at: string): Promise<void>;
}

/**
 * A unit_configs row as both stores keep it: the lists as JSON text, photosEnabled as 0/1.
 * The conversions below are the one mapping between it and UnitConfigFields.
 */
export interface UnitConfigRow {
  enabledCategories: string | null;
  defaultView: WidgetView | null;
  timeWindowDays: TimeWindowDays | null;
  defaultLang: Lang | null;
  accentColor: string | null;
  photosEnabled: number | null;
  allowedOrigins: string | null;
}

export function unitConfigOfRow(row: UnitConfigRow): UnitConfigFields {
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

/** The row's columns in unit_configs' order after unit_id: enabled_categories … allowed_origins. */
export function rowOfUnitConfig(fields: UnitConfigFields): unknown[] {
  const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
  return [
    json(fields.enabledCategories), fields.defaultView, fields.timeWindowDays, fields.defaultLang,
    fields.accentColor, fields.photosEnabled === null ? null : Number(fields.photosEnabled), json(fields.allowedOrigins),
  ];
}
