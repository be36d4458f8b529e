import type { PublicReport } from '../store/public-reports.js';

/** Names the exports add next to the codes, so a spreadsheet is readable without a lookup. */
export interface ExportNames {
  /** Category code → official Polish name. */
  categories: ReadonlyMap<string, string>;
  /** Unit id → full Polish name. */
  units: ReadonlyMap<string, string>;
}

/** How one export format writes its head, each row, and its tail. */
export interface ExportFormat {
  contentType: string;
  extension: string;
  head: string;
  row(report: PublicReport, names: ExportNames): string;
  /** Written between two rows (GeoJSON features need commas; CSV rows end with CRLF already). */
  separator: string;
  tail: string;
}

/** Public columns only, the same set as the map (never description, tracking hash, device data). */
export const CSV_COLUMNS = [
  'id', 'category', 'categoryName', 'status', 'createdAt', 'updatedAt', 'lon', 'lat', 'confirmations', 'unit', 'unitName',
] as const;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * A field starting with = + - @ (or tab/CR) is also prefixed with `'` so a spreadsheet never
 * runs it as a formula (unit and category names are ours, but the rule costs nothing).
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * CSV: UTF-8 with a byte order mark (Excel, the tool most police staff and journalists open it
 * with, otherwise reads UTF-8 as the local code page and mangles Polish letters; `bom=false`
 * drops it for tools that mind), a header row, CRLF line ends, comma separators.
 */
export function csvFormat(bom: boolean): ExportFormat {
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    head: `${bom ? '\uFEFF' : ''}${csvRow(CSV_COLUMNS)}`,
    row: (r, names) => csvRow([
      r.id, r.category, names.categories.get(r.category) ?? '', r.status, r.createdAt, r.updatedAt,
      r.lon, r.lat, r.confirmations, r.unit, names.units.get(r.unit) ?? '',
    ]),
    separator: '',
    tail: '',
  };
}

/** GeoJSON (RFC 7946): a FeatureCollection of Points with the map's public properties. */
export const geojsonFormat: ExportFormat = {
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  head: '{"type":"FeatureCollection","features":[\n',
  row: (r, names) => JSON.stringify({
    type: 'Feature',
    id: r.id,
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: {
      id: r.id, category: r.category, categoryName: names.categories.get(r.category) ?? '', status: r.status,
      createdAt: r.createdAt, updatedAt: r.updatedAt, confirmations: r.confirmations,
      unit: r.unit, unitName: names.units.get(r.unit) ?? '',
    },
  }),
  separator: ',\n',
  tail: '\n]}\n',
};
