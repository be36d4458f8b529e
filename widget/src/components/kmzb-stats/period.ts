import type { DayPeriod } from '../../api/stats.js';

/** The period picker's presets; `custom` takes the two date inputs. */
export const PRESETS = ['30d', '90d', '12m', 'year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** Why a custom period was refused (a key of the translation's `period`). */
export type PeriodProblem = 'invalid' | 'order' | 'future';

const DAY = 86_400_000;

/** A UTC calendar day as YYYY-MM-DD: the server counts in UTC days, so the picker does too. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The days of a preset ending today (UTC), both ends inclusive. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, now: Date = new Date()): DayPeriod {
  const to = isoDay(now);
  if (preset === 'year') return { from: `${to.slice(0, 4)}-01-01`, to };
  if (preset === '12m') {
    // A year back, plus one day: 12 whole months ending today.
    const start = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
    return { from: isoDay(start), to };
  }
  const days = preset === '30d' ? 30 : 90;
  return { from: isoDay(new Date(now.getTime() - (days - 1) * DAY)), to };
}

/** A real calendar date YYYY-MM-DD (what a date input's value is when filled in). */
function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && isoDay(new Date(`${text}T00:00:00Z`)) === text;
}

/** Checks a custom period as the server would, and one step more: no end in the future. */
export function checkPeriod(from: string, to: string, now: Date = new Date()): PeriodProblem | undefined {
  if (!isDay(from) || !isDay(to)) return 'invalid';
  if (from > to) return 'order';
  if (to > isoDay(now)) return 'future';
  return undefined;
}
