/**
 * The "download CSV" of each chart, built in the browser from the very rows the chart draws.
 *
 * Format (RFC 4180): UTF-8 with a byte order mark (so Excel reads Polish letters), CRLF line
 * ends, a header row `key,label,count,suppressed`; `key` is the stable code (category, status,
 * unit id, month, TERYT), `label` its name in the reader's language. A withheld count is an
 * empty `count` with `suppressed` = `true`, never 0, so a spreadsheet cannot mistake it for zero.
 */

/** One row of a chart or table. */
export interface DataRow {
  key: string;
  label: string;
  /** Null exactly when the count is withheld. */
  count: number | null;
  suppressed: boolean;
}

export const CSV_HEADER = ['key', 'label', 'count', 'suppressed'] as const;

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(rows: readonly DataRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    const count = row.suppressed || row.count === null ? '' : String(row.count);
    lines.push([row.key, row.label, count, String(row.suppressed)].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Saves the text as a file: a Blob behind an object URL and a detached <a download> clicked.
 * The URL is revoked on the next task, once the browser has started the download with it.
 */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
