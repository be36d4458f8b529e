/** Date and number formats shared by the languages (Intl does the words of each). */

export interface DayAndTime {
  /** "jutro" / "tomorrow" when within a day of now, else the date in full ("1 maja 2026"). */
  day: string;
  /** Whether `day` is a relative word (today, tomorrow) rather than a date. */
  relative: boolean;
  /** 24-hour clock, "14:05". */
  time: string;
}

/** A moment as the reader says it: "tomorrow" + "14:05", or "1 May 2026" + "18:30". */
export function dayAndTime(date: Date, locale: string, now: Date = new Date()): DayAndTime {
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  if (days === 0 || days === 1) {
    return { day: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day'), relative: true, time };
  }
  return { day: date.toLocaleDateString(locale, { dateStyle: 'long' }), relative: false, time };
}

/** A date with time, "21 listopada 2026 17:30". */
export function dateTime(date: Date, locale: string): string {
  return date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}
