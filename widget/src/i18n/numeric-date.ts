/**
 * A date in numbers by a pattern ("d.MM.yyyy", "M/d/yyyy"): `d`/`M` the day/month, `dd`/`MM`
 * zero-padded, `yyyy` the year; on the reader's local day, as Intl's formats are. For many
 * dates on a first render: a first Intl.DateTimeFormat costs tens of ms on a slow phone.
 */
export function numericDate(date: Date, pattern: string): string {
  const parts: Record<string, string> = {
    yyyy: String(date.getFullYear()),
    dd: String(date.getDate()).padStart(2, '0'),
    d: String(date.getDate()),
    MM: String(date.getMonth() + 1).padStart(2, '0'),
    M: String(date.getMonth() + 1),
  };
  return pattern.replace(/yyyy|dd|d|MM|M/g, (token) => parts[token]!);
}
