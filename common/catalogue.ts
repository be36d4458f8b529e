/**
 * Code-level catalogues shared by widget and server. Plain constants (no TypeBox), so the
 * widget may import them at run time. The 24 threat categories themselves live in the
 * database (seeded by a migration, served by GET /api/v1/categories) so they can change
 * without a release; only their grouping and visibility rules are types here.
 */

/** Groups of categories in the form, the filters and the statistics (DESIGN.md section 4). */
export const DOMAINS = ['road', 'order', 'environment', 'rail', 'social', 'animals'] as const;
export type Domain = (typeof DOMAINS)[number];

/**
 * When the public may see reports of a category: `always`; `confirmed` (only once confirmed,
 * e.g. dangerous entertainment); `never` (counted in statistics only: animal cruelty, drug use).
 */
export const CATEGORY_VISIBILITIES = ['always', 'confirmed', 'never'] as const;
export type CategoryVisibility = (typeof CATEGORY_VISIBILITIES)[number];

/** Stable status ids (DESIGN.md section 5); labels come from i18n. */
export const STATUSES = [
  'new',
  'verifying',
  'confirmed',
  'eliminated',
  'forwarded',
  'not_confirmed',
  'prank',
  'hidden',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which a report is still open (a duplicate may be confirmed instead of re-reported). */
export const OPEN_STATUSES: readonly Status[] = ['new', 'verifying', 'confirmed', 'forwarded'];

/** How a report arrived (DESIGN.md glossary: "source"). */
export const SOURCES = ['citizen', 'debate', 'contact', 'police'] as const;
export type Source = (typeof SOURCES)[number];

/** Recurrence of a threat: days of the week (ISO order) and times of day. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'night'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** Languages of the user interface and of category names; Polish is the default. */
export const LANGS = ['pl', 'en', 'uk'] as const;
export type Lang = (typeof LANGS)[number];

/** Limits of a citizen's report (DESIGN.md section 6). */
export const REPORT_LIMITS = {
  descriptionMaxLength: 500,
  maxPhotos: 3,
  photosMaxBytes: 5 * 1024 * 1024,
  /** Radius of the "I see it too" offer, metres. */
  nearbyRadius: 250,
  nearbyMax: 5,
} as const;
