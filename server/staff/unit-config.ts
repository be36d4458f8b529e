import type { Database } from 'better-sqlite3';
import { ErrorCode } from '../../common/errors.js';
import type { EffectiveUnitConfig, StaffUnitConfig, UnitConfigInput } from '../../common/schemas/staff.js';
import type { WidgetConfig } from '../../common/schemas/widget-config.js';
import { ACCENT_COLOR_PATTERN, ORIGIN_PATTERN } from '../../common/staff.js';
import { WIDGET_CONFIG_DEFAULTS } from '../../common/widget-config.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { UnitConfigFields, UnitConfigsRepository } from '../db/unit-configs-repository.js';
import { InvalidInputError, ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import { requireAdmin, requireUnitInScope, type StaffPrincipal } from './scope.js';

/** What a unit gets when nothing up its chain sets a field (the national defaults, shared with the widget). */
export const DEFAULT_WIDGET_CONFIG = WIDGET_CONFIG_DEFAULTS;

/** How long effective configs are reused without looking at the database again. */
const CACHE_MS = 1000;

const COLOR = new RegExp(ACCENT_COLOR_PATTERN);
const ORIGIN = new RegExp(ORIGIN_PATTERN);

/** Widget configuration per unit: effective (inherited) reads and validated writes by admins. */
export class UnitConfigs {
  constructor(
    private readonly db: Database,
    private readonly repository: UnitConfigsRepository,
    private readonly categories: CategoryCatalogue,
    private readonly audit: Audit,
  ) {}

  private readonly cache = new Map<string, Readonly<EffectiveUnitConfig>>();
  /** Per cached unit: whether some unit in its chain sets defaultLang (not just the national default). */
  private readonly langChosen = new Map<string, boolean>();
  private cachedVersion = -1;
  private cachedAt = 0;

  get version(): number {
    return this.repository.version;
  }

  /**
   * Each field from the nearest unit that sets it, else the default; undefined for an unknown
   * unit. Read on every report and every widget load, so kept per unit until the next save in
   * this process, and at most CACHE_MS, so a save by another process sharing the file shows too.
   */
  effective(unitId: string, now = Date.now()): EffectiveUnitConfig | undefined {
    if (this.cachedVersion !== this.repository.version || now - this.cachedAt > CACHE_MS) {
      this.cache.clear();
      this.langChosen.clear();
      this.cachedVersion = this.repository.version;
      this.cachedAt = now;
    }
    let config = this.cache.get(unitId);
    if (!config) {
      const chain = this.repository.chainOf(unitId);
      if (chain.length === 0) return undefined;
      config = Object.freeze(this.resolve(unitId, chain));
      this.cache.set(unitId, config);
      this.langChosen.set(unitId, chain.some((unit) => unit.defaultLang !== null));
    }
    return config;
  }

  /**
   * The public part of the effective config: no embedding origins, and no language unless a unit
   * in the chain chose one (the page's language comes first then); undefined for an unknown unit.
   */
  widgetConfig(unitId: string): WidgetConfig | undefined {
    const config = this.effective(unitId);
    if (!config) return undefined;
    const { allowedOrigins: _private, ...shown } = config;
    return { ...shown, defaultLang: this.langChosen.get(unitId) ? config.defaultLang : null };
  }

  /**
   * Whether citizens may report this category in the unit: `enabled` when it is in the unit's
   * effective enabledCategories, `unknown` when the catalogue has no such code (a different
   * refusal), else `disabled`.
   */
  categoryState(unitId: string, category: string): 'enabled' | 'disabled' | 'unknown' {
    if (this.effective(unitId)?.enabledCategories.includes(category)) return 'enabled';
    return this.categories.visibilityOf(category) ? 'disabled' : 'unknown';
  }

  /** What the unit would get with no own settings: its ancestors' fields, else the defaults. */
  private inherited(unitId: string): EffectiveUnitConfig {
    return this.resolve(unitId, this.repository.chainOf(unitId).slice(1));
  }

  private resolve(unitId: string, chain: readonly UnitConfigFields[]): EffectiveUnitConfig {
    const pick = <K extends keyof UnitConfigFields>(field: K): UnitConfigFields[K] =>
      chain.find((unit) => unit[field] !== null)?.[field] ?? null;
    const enabled = pick('enabledCategories');
    return {
      unit: unitId,
      // In the catalogue's order whatever order the admin saved, so the widget lists them as everywhere else.
      enabledCategories: enabled === null ? this.categoryCodes() : this.categoryCodes().filter((code) => enabled.includes(code)),
      defaultView: pick('defaultView') ?? DEFAULT_WIDGET_CONFIG.defaultView,
      timeWindowDays: pick('timeWindowDays') ?? DEFAULT_WIDGET_CONFIG.timeWindowDays,
      defaultLang: pick('defaultLang') ?? DEFAULT_WIDGET_CONFIG.defaultLang,
      accentColor: pick('accentColor') ?? DEFAULT_WIDGET_CONFIG.accentColor,
      photosEnabled: pick('photosEnabled') ?? DEFAULT_WIDGET_CONFIG.photosEnabled,
      allowedOrigins: pick('allowedOrigins'),
    };
  }

  forStaff(staff: StaffPrincipal, unitId: string): StaffUnitConfig {
    requireAdmin(staff);
    requireUnitInScope(staff, unitId);
    return { unit: unitId, own: this.repository.ownOf(unitId), effective: this.effective(unitId)!, inherited: this.inherited(unitId) };
  }

  /** Replaces the unit's own fields (absent or null: inherit). 400 with a code per bad value. */
  save(staff: StaffPrincipal, unitId: string, input: UnitConfigInput, now = new Date()): StaffUnitConfig {
    requireAdmin(staff);
    requireUnitInScope(staff, unitId);
    const fields = this.validate(input);
    this.db.transaction(() => {
      const before = this.repository.ownOf(unitId);
      this.repository.save(unitId, fields, now.toISOString());
      this.audit.record({
        at: now.toISOString(), staffId: staff.id, action: 'unit.config', targetType: 'unit', targetId: unitId, unitId, before, after: fields,
      });
    })();
    return this.forStaff(staff, unitId);
  }

  private categoryCodes(): string[] {
    return this.categories.list().map((category) => category.code);
  }

  private validate(input: UnitConfigInput): UnitConfigFields {
    const known = new Set(this.categoryCodes());
    const unknown = input.enabledCategories?.find((code) => !known.has(code));
    if (unknown !== undefined) throw new InvalidInputError(ErrorCode.unknownCategory, `There is no category "${unknown}".`);
    const color = input.accentColor ?? null;
    if (color !== null && !COLOR.test(color)) throw new ProductError(ErrorCode.invalidColor, `"${color}" is not a #rrggbb colour.`);
    const origins = input.allowedOrigins?.map(normaliseOrigin) ?? null;
    return {
      enabledCategories: input.enabledCategories ?? null,
      defaultView: input.defaultView ?? null,
      timeWindowDays: input.timeWindowDays ?? null,
      defaultLang: input.defaultLang ?? null,
      accentColor: color === null ? null : color.toLowerCase(),
      photosEnabled: input.photosEnabled ?? null,
      allowedOrigins: origins,
    };
  }
}

/** `https://Example.org:443` → `https://example.org`: the form browsers send in Origin. */
function normaliseOrigin(value: string): string {
  if (ORIGIN.test(value)) {
    try {
      const url = new URL(value);
      if (url.origin !== 'null') return url.origin;
    } catch {
      // falls through to the refusal below
    }
  }
  throw new ProductError(ErrorCode.invalidOrigin, `"${value}" is not an origin like https://example.org or http://host:8080.`);
}
