/**
 * Rules of the statistics (GET /api/v1/stats) and the police crime categories, shared by the
 * server and the widget. Plain constants (no TypeBox), so the widget may import them at run time.
 */
import type { Status } from './catalogue.js';

/**
 * Categories whose small counts could point at a person (a minor, a homeless person, a drug
 * user, an animal owner): in a county-level or smaller unit over a period shorter than 3
 * calendar months, their counts below STATS_MIN_COUNT are suppressed.
 */
export const SENSITIVE_CATEGORIES: readonly string[] = ['animal_cruelty', 'drug_use', 'minors_at_risk', 'homeless_in_need'];

/** Counts below this are suppressed in a sensitive cell. */
export const STATS_MIN_COUNT = 3;

/** A period shorter than this many calendar months is "short" for suppression. */
export const STATS_SHORT_PERIOD_MONTHS = 3;

/** Statuses meaning "the threat exists": the numerator of the confirmed share. */
export const CONFIRMED_STATUSES: readonly Status[] = ['confirmed', 'eliminated', 'forwarded'];

/** Statuses of a checked report (a verdict reached): the denominator of the confirmed share. */
export const VERIFIED_STATUSES: readonly Status[] = ['confirmed', 'eliminated', 'forwarded', 'not_confirmed', 'prank'];

/**
 * Final statuses: the police's part is done (removed, handed over, not found, a prank). The
 * time to a final status runs to the first history entry in one of them. `confirmed` is not
 * final: the threat is still there.
 */
export const FINAL_STATUSES: readonly Status[] = ['eliminated', 'forwarded', 'not_confirmed', 'prank'];

/** The sections of a Stats answer that `groupBy` selects. */
export const STATS_GROUPS = ['category', 'status', 'source', 'unit', 'month'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** The police's 7 main crime categories ("7 kategorii przestępstw"), stable codes. */
export const CRIME_CATEGORIES = ['theft', 'car_theft', 'burglary', 'robbery', 'property_damage', 'bodily_harm', 'brawl'] as const;
export type CrimeCategory = (typeof CRIME_CATEGORIES)[number];

/** Names of the crime categories; the Polish ones are the police's own. */
export const CRIME_CATEGORY_NAMES: Readonly<Record<CrimeCategory, { pl: string; en: string; uk: string }>> = {
  theft: { pl: 'Kradzież cudzej rzeczy', en: 'Theft of property', uk: 'Крадіжка чужого майна' },
  car_theft: { pl: 'Kradzież samochodu', en: 'Car theft', uk: 'Крадіжка автомобіля' },
  burglary: { pl: 'Kradzież z włamaniem', en: 'Burglary', uk: 'Крадіжка зі зломом' },
  robbery: {
    pl: 'Rozbój, kradzież rozbójnicza i wymuszenie rozbójnicze',
    en: 'Robbery, robbery theft and extortion by force',
    uk: 'Розбій, розбійна крадіжка та розбійне вимагання',
  },
  property_damage: { pl: 'Uszkodzenie rzeczy', en: 'Damage to property', uk: 'Пошкодження майна' },
  bodily_harm: { pl: 'Uszczerbek na zdrowiu', en: 'Bodily harm', uk: 'Тілесні ушкодження' },
  brawl: { pl: 'Bójka lub pobicie', en: 'Brawl or assault', uk: 'Бійка або побиття' },
};

/** Limits of a crime-statistics CSV import. */
export const CRIME_IMPORT_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  /** The documented columns, in this order, named by the header line. */
  columns: ['teryt', 'year', 'month', 'category', 'count'],
  /** Line errors listed in a refusal; the ones past them are only counted (`moreErrors`). */
  maxLineErrors: 100,
  /** Changes listed in a result; the ones past them are only counted (`moreChanges`). */
  maxChanges: 1000,
} as const;

/** Why one line of a crime-statistics CSV was refused (CrimeImportLineError.code). */
export const CRIME_LINE_ERRORS = [
  'INVALID_ENCODING', 'INVALID_HEADER', 'COLUMN_COUNT', 'INVALID_TERYT', 'UNKNOWN_POWIAT', 'OUT_OF_SCOPE',
  'INVALID_YEAR', 'INVALID_MONTH', 'UNKNOWN_CRIME_CATEGORY', 'INVALID_COUNT', 'DUPLICATE_LINE',
] as const;
export type CrimeLineError = (typeof CRIME_LINE_ERRORS)[number];
