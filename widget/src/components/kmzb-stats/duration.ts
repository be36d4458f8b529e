/**
 * A median duration in hours as words: "2 dni 3 godz.", "2 days 3 hr", "2 дні 3 год".
 * Intl's unit formats know each language's plural forms, so no word list is kept here.
 */
export function formatHours(hours: number, locale: string, underHour: string): string {
  if (hours < 1) return underHour;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const parts: string[] = [];
  if (days) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days));
  if (rest) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short' }).format(rest));
  return parts.join(' ');
}
