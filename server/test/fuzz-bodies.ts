/**
 * fast-check generators of hostile request bodies for the write-route fuzz test
 * (fuzz-write-routes.test.ts): structurally valid but odd bodies (any JSON value in any field,
 * numbers that overflow or are not numbers, unicode, very long strings, missing and extra
 * fields), the same bytes under a wrong content type or cut short, and fully random bytes.
 * Valid values are weighted in, so that many bodies get past the first check and reach the
 * deeper ones (the locator, the daily rule, the photo decoder, the CSV importer).
 */
import fc from 'fast-check';
import { STATUSES, TIMES_OF_DAY, WEEKDAYS } from '../../common/catalogue.js';

/** What the test sends: headers (undefined values are left out) and the raw body. */
export interface FuzzRequest {
  headers: Record<string, string | undefined>;
  payload: Buffer;
}

/**
 * Stands for "a fresh, well-formed device token" in generated values: the test replaces it
 * at send time, so the daily rule (one action per device) does not stop every later body.
 */
export const FRESH_DEVICE = '\u0000fresh-device\u0000';

/** One character a header value may hold on the wire (visible Latin-1 and space; no CR/LF). */
const headerChar = fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c));
export const headerText = fc.string({ unit: headerChar, maxLength: 80 });

/** Text that breaks parsers and checks: tricky literals, any code point (lone surrogates too), long runs. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '', ' ', '\t\n', 'null', 'true', 'NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400', '0x1F', '-0', '+5',
      '9'.repeat(400), '٣', '１２', '\u0000', '\uD800', '\uFEFF', 'é'.normalize('NFD'), '__proto__', 'constructor',
      '%00', '%', '%zz', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '🙂'.repeat(501),
    ),
  },
  // Long, but cheap to generate: a short piece repeated up to 70,000 times (past every field and body limit).
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.integer({ min: 100, max: 70_000 })).map(([s, n]) => s.repeat(n)) },
);

/** Numbers at the edges, and numbers written as strings. */
export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, -(2 ** 63), -0, 1e21),
  fc.constantFrom('1e400', 'NaN', 'Infinity', '-1', '0', '53.7', ' 20.48 ', '20,48', '0x14', '1_000'),
);

/** Any JSON value, an odd string or number, or nothing at all (the field is left out). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: oddString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A value once in `oneIn` draws, else undefined (fc.option's freq is the other way round: 1/freq is nil). */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/** Mostly a valid value, sometimes anything. */
export function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: anyValue });
}

/** Extra properties, prototype-polluting names included. */
const extraFields = fc.dictionary(fc.oneof(oddString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'status')), anyValue, { maxKeys: 3 });

/**
 * Objects with the given fields as JSON text: all valid (fields outside `required` may be
 * missing), one field replaced by an odd value (any value, or the field's own near misses),
 * or each field mostly valid; extra fields sometimes.
 */
function objectText(
  valid: Record<string, fc.Arbitrary<unknown>>,
  required: readonly string[],
  nearMisses: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<string> {
  const odd = (key: string) => (nearMisses[key] ? fc.oneof(anyValue, nearMisses[key]) : anyValue);
  const allValid = fc.record(valid, { requiredKeys: required as string[] }) as fc.Arbitrary<Record<string, unknown>>;
  const oneOdd = fc.constantFrom(...Object.keys(valid)).chain((key) =>
    fc.tuple(allValid, odd(key)).map(([object, value]) => ({ ...object, [key]: value })));
  const eachMostly = fc.record(
    Object.fromEntries(Object.entries(valid).map(([key, arbitrary]) => [key, fc.oneof({ weight: 3, arbitrary }, { weight: 2, arbitrary: odd(key) })])),
    { requiredKeys: [] },
  );
  return fc.tuple(
    fc.oneof({ weight: 3, arbitrary: allValid }, { weight: 4, arbitrary: oneOdd }, { weight: 2, arbitrary: eachMostly }),
    sometimes(extraFields, 3),
  ).map(([known, extra]) => JSON.stringify({ ...extra, ...known }));
}

/** Valid JSON past Fastify's 1 MiB body limit (made once). */
const OVER_BODY_LIMIT = JSON.stringify({ description: 'a'.repeat(1_100_000) });

/** Number literals JSON.stringify cannot write, spliced into the text. */
const badNumberLiteral = fc.constantFrom('1e400', '-1e400', 'NaN', 'Infinity', '-0', '00', '1.', '.5', '0x10', '1'.repeat(1000), '1e-99999');

/** JSON texts around `object`: itself, with a bad number literal in a field, other top-level values, deep nesting. */
function jsonTexts(object: fc.Arbitrary<string>, numberFields: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: object },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...numberFields), badNumberLiteral, object).map(([field, literal, text]) =>
        text.startsWith('{') ? `{"${field}":${literal},${text.slice(1)}` : text),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{', '', 'null', '{}', '[]', '"x"', '{"a":1}{"b":2}',
        OVER_BODY_LIMIT,
      ),
    },
  );
}

const POLAND_LON = fc.double({ min: 14.1, max: 24.2, noNaN: true });
const POLAND_LAT = fc.double({ min: 49, max: 54.9, noNaN: true });
export const CATEGORIES = ['illegal_parking', 'speeding', 'public_drinking', 'vandalism', 'road_infrastructure'] as const;
const pastTime = fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date() }).map((d) => d.toISOString());
const oddTime = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date(Date.now() + 3_600_000), max: new Date('2200-01-01') }).map((d) => d.toISOString()),
  fc.constantFrom('2025-13-01T00:00:00Z', '2025-02-30T25:61:00+99:99', '0000-00-00T00:00Z', '2025-05-01T18:30:00', '2025-05-01', '+275760-09-13T00:00:00Z'),
);
const repeated = <T>(items: readonly T[]) => fc.array(fc.constantFrom(...items), { minLength: 1, maxLength: items.length + 2 });

/** A report as the widget sends it (NewReport), every field possibly odd. */
export const reportJson: fc.Arbitrary<string> = jsonTexts(
  objectText({
    lon: POLAND_LON,
    lat: POLAND_LAT,
    category: fc.constantFrom(...CATEGORIES),
    description: fc.string({ unit: 'grapheme', maxLength: 500 }),
    eventAt: pastTime,
    recurrence: fc.record({ days: fc.subarray([...WEEKDAYS]), times: fc.subarray([...TIMES_OF_DAY]) }, { requiredKeys: [] }),
  }, ['lon', 'lat', 'category'], {
    description: fc.string({ unit: 'grapheme', minLength: 501, maxLength: 600 }),
    eventAt: oddTime,
    recurrence: fc.record({ days: repeated(WEEKDAYS), times: repeated(TIMES_OF_DAY), other: fc.constant(1) }, { requiredKeys: [] }),
  }),
  ['lon', 'lat'],
);

/** A staff login (LoginBody). */
export function loginJson(logins: readonly string[], passwords: readonly string[]): fc.Arbitrary<string> {
  return jsonTexts(objectText({
    login: fc.oneof(fc.constantFrom(...logins), fc.string({ maxLength: 70 })),
    password: fc.oneof(fc.constantFrom(...passwords), fc.string({ maxLength: 40 })),
  }, ['login', 'password']), ['login', 'password']);
}

/** A staff status change (StatusChange). */
export const statusChangeJson: fc.Arbitrary<string> = jsonTexts(objectText({
  status: fc.constantFrom(...STATUSES),
  version: fc.integer({ min: 1, max: 12 }),
  publicNote: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
  internalNote: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
}, ['status', 'version']), ['version']);

/** Fully random bytes, sometimes dressed to look like the start of JSON. */
export const randomBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from('{"lon":'), Buffer.from(bytes)])),
);

/** Text as bytes, sometimes cut short or in another encoding; sometimes random bytes instead. */
export function bodyBytes(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 20, arbitrary: text.map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: fc.tuple(text, fc.nat()).map(([t, n]) => Buffer.from(t).subarray(0, n % (Buffer.byteLength(t) + 1))) },
    { weight: 1, arbitrary: fc.tuple(text, fc.constantFrom('latin1', 'utf16le') as fc.Arbitrary<BufferEncoding>).map(([t, e]) => Buffer.from(t, e)) },
    { weight: 2, arbitrary: randomBytes },
  );
}

/** A content type: mostly `usual`, else another one, a malformed one, or none. */
export function contentType(usual: string, weight = 20): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight, arbitrary: fc.constant(usual) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        `${usual}; charset=utf-8`, `${usual}; charset=utf-16`, usual.toUpperCase(), 'application/json', 'text/plain', 'text/csv',
        'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/octet-stream',
        'application/json-patch+json', 'application/*', '*/*', ';', '', 'text/csv; charset=latin1', 'image/jpeg',
        `${usual};`, `${usual} ; charset=utf-8`, ` ${usual}`, `${usual}; charset=""`, `${usual}; charset=utf-8; charset=latin1`, `${usual}/x`,
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: headerText },
  );
}

/** Request headers around a body: an Origin or Referer, a content encoding, a lying Content-Length. */
export function oddHeaders(sameOrigin: string): fc.Arbitrary<Record<string, string | undefined>> {
  return fc.record({
    origin: fc.oneof(
      { weight: 36, arbitrary: fc.constant(sameOrigin) },
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('null', 'https://evil.example', 'http://localhost:80', 'http://[::1', 'file://', '') },
      { weight: 1, arbitrary: headerText },
    ),
    referer: sometimes(fc.oneof(fc.constantFrom(`${sameOrigin}/console/`, 'https://evil.example/x', '::::'), headerText), 6),
    'content-encoding': sometimes(fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown'), 30),
    'content-length': sometimes(fc.constantFrom('0', '1', '99999', '-1', 'abc', '1e3'), 30),
    'accept-encoding': sometimes(headerText, 10),
    // The apps trust a proxy, so these reach request.ip (the daily rule, the login throttle),
    // the protocol and the host (the same-origin checks).
    'x-forwarded-for': sometimes(fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('::ffff:10.0.0.1', 'fe80::1%eth0', '999.1.1.1', 'unknown', ',', '10.0.0.1, 10.0.0.2'), headerText), 4),
    'x-forwarded-proto': sometimes(fc.oneof(fc.constantFrom('https', 'http', 'ftp', ''), headerText), 20),
    'x-forwarded-host': sometimes(fc.oneof(fc.constantFrom('localhost', 'evil.example', 'localhost:99999', '[::1]', ''), headerText), 20),
  });
}

/** A device token header value: mostly a fresh valid one, else missing or malformed. */
export const deviceHeader: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 18, arbitrary: fc.constant(FRESH_DEVICE) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.oneof(headerText, fc.constantFrom('short', 'x'.repeat(129), 'has space in it 12345', 'ąęśćżźółń-token-0001')) },
);

/** An id for a path: a known one, a long one, unicode, or bytes that are not valid percent-encoding. */
export function pathId(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: oddString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, 'x')).slice(0, 400)) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%C0%80', '%FF', '..', '%2F', '%00', 'ABCDEFGHJK', '0000000000', 'a'.repeat(101)) },
  );
}
