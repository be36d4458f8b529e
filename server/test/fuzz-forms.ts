/**
 * fast-check generators of the non-JSON write bodies for fuzz-write-routes.test.ts:
 * multipart reports with photos, Open311's url-encoded form and the crime-statistics CSV.
 * Each is built by hand, byte by byte, so boundaries, encodings and line ends can be wrong.
 */
import fc from 'fast-check';
import { FRESH_DEVICE, CATEGORIES, headerText, oddString, randomBytes, reportJson, sometimes } from './fuzz-bodies.js';
import { jpegWithExif, pngWithText } from './report-helpers.js';

const JPEG = jpegWithExif();
const PNG = pngWithText();

/** What a photo part may hold: real images, images cut short or with junk, other files. */
const photoBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(JPEG, PNG) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(JPEG, PNG), fc.nat()).map(([image, n]) => image.subarray(0, n % image.length)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(JPEG, PNG), fc.uint8Array({ maxLength: 300 })).map(([image, junk]) => Buffer.concat([image.subarray(0, 24), Buffer.from(junk)])) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), Buffer.from('GIF89a'), Buffer.alloc(0)) },
  { weight: 1, arbitrary: randomBytes },
);

interface Part {
  name: string;
  filename: string | undefined;
  type: string | undefined;
  data: Buffer;
}

const part: fc.Arbitrary<Part> = fc.record({
  name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('report', 'photo') }, { weight: 1, arbitrary: headerText }),
  filename: sometimes(fc.oneof(fc.constantFrom('photo.jpg', 'a.png', '../../x', ''), headerText), 2),
  type: sometimes(fc.oneof(fc.constantFrom('image/jpeg', 'image/png', 'application/json', 'text/plain'), headerText), 2),
  data: fc.oneof({ weight: 1, arbitrary: reportJson.map((text) => Buffer.from(text)) }, { weight: 1, arbitrary: photoBytes }),
});

/** The usual start: a `report` field with a report, then photos. */
const usualParts: fc.Arbitrary<Part[]> = fc.tuple(
  reportJson,
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(JPEG, PNG) }, { weight: 1, arbitrary: photoBytes }), { maxLength: 4 }),
).map(([report, photos]) => [
  { name: 'report', filename: undefined, type: undefined, data: Buffer.from(report) },
  ...photos.map((data, i) => ({ name: 'photo', filename: `photo${i}.jpg`, type: 'image/jpeg', data })),
]);

/** A multipart request: its content type (boundary right, wrong or missing) and its body (maybe cut short). */
export const multipartRequest: fc.Arbitrary<{ contentType: string; payload: Buffer }> = fc.record({
  parts: fc.oneof({ weight: 3, arbitrary: usualParts }, { weight: 1, arbitrary: fc.array(part, { maxLength: 6 }) }),
  boundary: fc.oneof(
    { weight: 8, arbitrary: fc.constant('----kmzb-fuzz-7d9f') },
    { weight: 1, arbitrary: fc.constantFrom('x', 'a'.repeat(75), '"quoted"', 'with space', '') },
    { weight: 1, arbitrary: headerText },
  ),
  declared: fc.constantFrom(...Array<string>(12).fill('same'), 'missing', 'other', 'quoted'),
  lineEnd: fc.oneof({ weight: 9, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\n') }),
  closing: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  cut: sometimes(fc.nat(), 6),
  epilogue: sometimes(fc.uint8Array({ maxLength: 64 }), 6),
}).map(({ parts, boundary, declared, lineEnd, closing, cut, epilogue }) => {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const type = p.type === undefined ? '' : `${lineEnd}Content-Type: ${p.type}`;
    chunks.push(Buffer.from(`--${boundary}${lineEnd}Content-Disposition: ${disposition}${type}${lineEnd}${lineEnd}`, 'latin1'), p.data, Buffer.from(lineEnd));
  }
  if (closing) chunks.push(Buffer.from(`--${boundary}--${lineEnd}`, 'latin1'));
  if (epilogue) chunks.push(Buffer.from(epilogue));
  let payload = Buffer.concat(chunks);
  if (cut !== undefined) payload = payload.subarray(0, cut % (payload.length + 1));
  const contentType = declared === 'missing' ? 'multipart/form-data'
    : declared === 'other' ? 'multipart/form-data; boundary=not-the-one'
      : declared === 'quoted' ? `multipart/form-data; boundary="${boundary.replace(/"/g, '')}"`
        : `multipart/form-data; boundary=${boundary}`;
  return { contentType, payload };
});

/** Open311 form fields: the spec's names and ours, with valid or odd values, in any order, repeated. */
const open311Field: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.constant('long'), fc.oneof(fc.double({ min: 14.1, max: 24.2, noNaN: true }).map(String), oddString)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('lat'), fc.oneof(fc.double({ min: 49, max: 54.9, noNaN: true }).map(String), oddString)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('service_code'), fc.oneof(fc.constantFrom(...CATEGORIES), oddString)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('device_id'), fc.oneof(fc.constant(FRESH_DEVICE), oddString)) },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom(
        'description', 'jurisdiction_id', 'attribute[event_datetime]', 'attribute[recurrence_days][]', 'attribute[recurrence_days]',
        'attribute[recurrence_times][]', 'email', 'first_name', 'api_key', 'address_string', 'media_url', 'account_id',
      ),
      fc.oneof(fc.constantFrom('kmp-olsztyn', 'kwp-olsztyn', 'pl', 'mon,tue', 'night', 'mon,mon', '2025-05-01T18:30:00Z', '2999-01-01T00:00:00Z'), oddString),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(oddString, oddString) },
);

/** The complete fields of a report that should be taken (given a fresh device). */
const goodOpen311: [string, string][] = [['long', '20.4801'], ['lat', '53.7784'], ['service_code', 'illegal_parking'], ['device_id', FRESH_DEVICE]];

/** An Open311 POST body: url-encoded properly, glued raw (bad percent-encoding), or random bytes. */
export const open311Body: fc.Arbitrary<string | Buffer> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(true, true, true, false), fc.array(open311Field, { maxLength: 10 }))
      .map(([start, fields]) => new URLSearchParams([...(start ? goodOpen311 : []), ...fields]).toString()),
  },
  { weight: 2, arbitrary: fc.array(open311Field, { maxLength: 10 }).map((fields) => fields.map(([k, v]) => `${k}=${v}`).join('&')) },
  { weight: 1, arbitrary: fc.constantFrom('', '=', '&&&', '%', 'long=%zz&lat=%', 'a'.repeat(70_000), 'long=1&long=2&lat=3&lat=4') },
  { weight: 1, arbitrary: randomBytes },
);

const CRIME_CATEGORIES = ['theft', 'car_theft', 'burglary', 'robbery', 'property_damage', 'bodily_harm', 'brawl'];
const HEADER = ['teryt', 'year', 'month', 'category', 'count'];

/** Cells that the importer takes (the powiats are in kwp-olsztyn's area). */
const VALID_CELLS: Record<string, fc.Arbitrary<string>> = {
  teryt: fc.constantFrom('2862', '2814'),
  year: fc.integer({ min: 2015, max: 2025 }).map(String),
  month: fc.integer({ min: 1, max: 12 }).map((m) => (m < 10 && m % 2 ? `0${m}` : String(m))),
  category: fc.constantFrom(...CRIME_CATEGORIES),
  count: fc.nat({ max: 100_000 }).map(String),
};

/** Cells that look close but are wrong, or are anything at all. */
const ODD_CELLS: Record<string, fc.Arbitrary<string>> = {
  teryt: fc.constantFrom('1465', '0000', '28620', '28', ' 2862'),
  year: fc.constantFrom('25', '-2025', '99999', '2025.0', '3000'),
  month: fc.constantFrom('0', '13', '1.0', '', '-1'),
  category: fc.constantFrom('Theft', '', 'murder', 'theft '),
  count: fc.constantFrom('-1', '1e400', '99999999999999999999', '1.5', 'NaN', '', '0x10'),
};

function cell(column: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 20, arbitrary: VALID_CELLS[column]! }, { weight: 1, arbitrary: ODD_CELLS[column]! }, { weight: 1, arbitrary: oddString });
}

const validRow = fc.tuple(...HEADER.map((column) => VALID_CELLS[column]!));
const oddRow = fc.tuple(...HEADER.map(cell), sometimes(oddString, 30))
  .map(([teryt, year, month, category, count, extra]) => [teryt!, year!, month!, category!, count!, ...(extra === undefined ? [] : [extra])]);

/** A crime-statistics CSV: header (right or not), rows, separators, quotes, BOM and line ends varied. */
export const crimeCsv: fc.Arbitrary<string> = fc.record({
  header: fc.oneof({ weight: 5, arbitrary: fc.constant(HEADER) }, { weight: 1, arbitrary: fc.shuffledSubarray(HEADER) }, { weight: 1, arbitrary: fc.array(oddString, { maxLength: 6 }) }),
  rows: fc.oneof(fc.array(validRow, { maxLength: 30 }), fc.array(oddRow, { maxLength: 30 })),
  separator: fc.constantFrom(',', ',', ';', '\t', '|'),
  quote: fc.constantFrom('', '', '"'),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  junkLines: fc.array(oddString, { maxLength: 3 }),
}).map(({ header, rows, separator, quote, lineEnd, bom, junkLines }) => {
  const line = (cells: readonly string[]) => cells.map((c) => `${quote}${quote ? c.replace(/"/g, '""') : c}${quote}`).join(separator);
  return `${bom ? '\uFEFF' : ''}${[line(header), ...rows.map(line), ...junkLines].join(lineEnd)}${lineEnd}`;
});
