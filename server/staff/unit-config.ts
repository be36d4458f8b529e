import { ErrorCode } from '../../common/errors.js';
import type { EffectiveUnitConfig, StaffUnitConfig, UnitConfigInput } from '../../common/schemas/staff.js';
import type { WidgetConfig } from '../../common/schemas/widget-config.js';
import { ACCENT_COLOR_PATTERN, ORIGIN_PATTERN } from '../../common/staff.js';
import { WIDGET_CONFIG_DEFAULTS } from '../../common/widget-config.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { Store } from '../store/store.js';
import type { UnitConfigFields } from '../store/unit-configs.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { InvalidInputError, ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import { requireAdmin, requireUnitInScope, type StaffPrincipal } from './scope.js';

/** What a unit gets when nothing up its chain sets a field (the national defaults, shared with the widget). */
export const DEFAULT_WIDGET_CONFIG = WIDGET_CONFIG_DEFAULTS;

/** How long the settings in memory are used before the store is read again (saves by other instances). */
const CACHE_MS = 1000;

const NO_SETTINGS: UnitConfigFields = Object.freeze({
  enabledCategories: null, defaultView: null, timeWindowDays: null, defaultLang: null,
  accentColor: null, photosEnabled: null, allowedOrigins: null,
});

const COLOR = new RegExp(ACCENT_COLOR_PATTERN);
const ORIGIN = new RegExp(ORIGIN_PATTERN);

/**
 * Widget configuration per unit: effective (inherited) reads and validated writes by admins.
 * Read on every report and every widget load, so the settings live in memory: a save here
 * shows at once, a save through another app instance (or process) on the same store within
 * about a second, when the first read after CACHE_MS has read the store again.
 */
export class UnitConfigs {
  private own: ReadonlyMap<string, UnitConfigFields>;
  private readonly cache = new Map<string, Readonly<EffectiveUnitConfig>>();
  /** Per cached unit: whether some unit in its chain sets defaultLang (not just the national default). */
  private readonly langChosen = new Map<string, boolean>();
  private loadedAt: number;
  private reading: Promise<void> | undefined;

  static async load(
    store: Pick<Store, 'unit' | 'unitConfigs'>, units: UnitDirectory, categories: CategoryCatalogue, audit: Audit,
  ): Promise<UnitConfigs> {
    return new UnitConfigs(store, units, categories, audit, await store.unitConfigs.all(), Date.now());
  }

  private constructor(
    private readonly store: Pick<Store, 'unit' | 'unitConfigs'>,
    private readonly units: UnitDirectory,
    private readonly categories: CategoryCatalogue,
    private readonly audit: Audit,
    own: ReadonlyMap<string, UnitConfigFields>,
    loadedAt: number,
  ) {
    this.own = own;
    this.loadedAt = loadedAt;
  }

  /**
   * Resolves once the settings in memory are at least what the store held when it was called.
   * A read already under way may have started before a write this caller saw commit, so it
   * is waited for and a new one follows.
   */
  async whenFresh(): Promise<void> {
    await this.reading;
    await this.readAgain();
  }

  private readAgain(): Promise<void> {
    this.reading ??= this.store.unitConfigs.all().then(
      (own) => this.replace(own),
      () => undefined, // the store is failing: keep the settings we have and try again later
    ).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private replace(own: ReadonlyMap<string, UnitConfigFields>, at = Date.now()): void {
    this.own = own;
    this.loadedAt = at;
    this.cache.clear();
    this.langChosen.clear();
  }

  /** Each field from the nearest unit that sets it, else the default; undefined for an unknown unit. */
  effective(unitId: string, now = Date.now()): EffectiveUnitConfig | undefined {
    if (now - this.loadedAt > CACHE_MS) void this.readAgain();
    let config = this.cache.get(unitId);
    if (!config) {
      const chain = this.chainOf(unitId);
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
    return this.resolve(unitId, this.chainOf(unitId).slice(1));
  }

  /** The own settings of the unit and each ancestor, nearest first (empty for an unknown unit). */
  private chainOf(unitId: string): UnitConfigFields[] {
    return this.units.chain(unitId).map((unit) => this.own.get(unit.id) ?? NO_SETTINGS);
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
    return { unit: unitId, own: { ...(this.own.get(unitId) ?? NO_SETTINGS) }, effective: this.effective(unitId)!, inherited: this.inherited(unitId) };
  }

  /** Replaces the unit's own fields (absent or null: inherit). 400 with a code per bad value. */
  async save(staff: StaffPrincipal, unitId: string, input: UnitConfigInput, now = new Date()): Promise<StaffUnitConfig> {
    requireAdmin(staff);
    requireUnitInScope(staff, unitId);
    const fields = this.validate(input);
    const own = await this.store.unit(async (tx) => {
      // `before` from the store, not from memory: another instance may have saved since.
      const before = (await tx.unitConfigs.all()).get(unitId) ?? NO_SETTINGS;
      await tx.unitConfigs.save(unitId, fields, now.toISOString());
      await tx.audit.append(this.audit.entry({
        at: now.toISOString(), staffId: staff.id, action: 'unit.config', targetType: 'unit', targetId: unitId, unitId,
        before: { ...before }, after: fields,
      }));
      return tx.unitConfigs.all();
    });
    this.replace(own);
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
