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
