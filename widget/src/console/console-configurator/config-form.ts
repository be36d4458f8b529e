import type { Lang } from '../../../../common/catalogue.js';
import type { EffectiveUnitConfig, UnitConfigInput } from '../../../../common/schemas/staff.js';
import type { TimeWindowDays, WidgetView } from '../../../../common/staff.js';

/** A unit's own settings with every field present: null inherits from the parent unit. */
export type OwnConfig = Required<UnitConfigInput>;

/**
 * The own settings as the configurator form holds them. An empty select, an unticked "own"
 * box or an empty origins list means "inherit" (null), as in the API.
 */
export function ownFromForm(form: HTMLFormElement): OwnConfig {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const origins = text('allowedOrigins').split(/\s+/).filter(Boolean);
  // Read even while disabled (FormData skips disabled fields): ticking "own colour" starts from it.
  const colour = form.querySelector<HTMLInputElement>('input[name="accentColor"]')?.value ?? '';
  return {
    enabledCategories: data.get('ownCategories') ? data.getAll('categories').map(String) : null,
    defaultView: (text('defaultView') || null) as WidgetView | null,
    timeWindowDays: text('timeWindowDays') ? (Number(text('timeWindowDays')) as TimeWindowDays) : null,
    defaultLang: (text('defaultLang') || null) as Lang | null,
    accentColor: data.get('ownAccent') ? colour : null,
    photosEnabled: text('photos') === '' ? null : text('photos') === 'on',
    allowedOrigins: origins.length ? origins : null,
  };
}

/**
 * The body of a PUT: inherited fields left out rather than sent as null (absent inherits too),
 * so the server's type coercion cannot read a null list as a list of one empty string.
 */
export function putBody(own: OwnConfig): UnitConfigInput {
  return Object.fromEntries(Object.entries(own).filter(([, value]) => value !== null)) as UnitConfigInput;
}

/** What the widget would apply with these own settings over what the unit inherits. */
export function effectiveWith(own: OwnConfig, inherited: EffectiveUnitConfig): EffectiveUnitConfig {
  return {
    unit: inherited.unit,
    enabledCategories: own.enabledCategories ?? inherited.enabledCategories,
    defaultView: own.defaultView ?? inherited.defaultView,
    timeWindowDays: own.timeWindowDays ?? inherited.timeWindowDays,
    defaultLang: own.defaultLang ?? inherited.defaultLang,
    accentColor: own.accentColor ?? inherited.accentColor,
    photosEnabled: own.photosEnabled ?? inherited.photosEnabled,
    allowedOrigins: own.allowedOrigins ?? inherited.allowedOrigins,
  };
}

/** A widget file under /widget/ and its Subresource Integrity value, as /widget/manifest.json names them. */
export interface WidgetRelease {
  file: string;
  integrity: string;
}

/**
 * The exact code a unit's webmaster pastes: the script from this server and the element. Given
 * the build's versioned file (build/widget-versions.mjs), the address names this version, so no
 * cache mixes versions, and `integrity` makes the browser refuse other bytes; `crossorigin`
 * because SRI on another origin needs a CORS request (/widget/ answers every origin). Without
 * one (no build manifest), the unversioned entry.
 */
export function embedSnippet(origin: string, unit: string, release?: WidgetRelease): string {
  const script = release
    ? `<script type="module" src="${origin}/widget/${release.file}" integrity="${release.integrity}" crossorigin="anonymous"></script>`
    : `<script type="module" src="${origin}/widget/kmzb-map.js"></script>`;
  return `${script}\n<kmzb-map unit="${unit}"></kmzb-map>`;
}
