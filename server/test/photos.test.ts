import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPhoto } from '../photos/clean-photo.js';
import { MalformedImageError, stripJpegMetadata } from '../photos/jpeg.js';
import { stripPngMetadata } from '../photos/png.js';
import { sniffPhoto } from '../photos/sniff.js';
import { GPS_MARKER, PNG_TEXT_MARKER, jpegWithExif, pngWithText } from './report-helpers.js';

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));

test('photos are recognised by their first bytes, not by a name or declared type', () => {
  assert.equal(sniffPhoto(jpegWithExif()), 'image/jpeg');
  assert.equal(sniffPhoto(pngWithText()), 'image/png');
  assert.equal(sniffPhoto(Buffer.from('GIF89a......')), undefined);
  assert.equal(sniffPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  assert.equal(sniffPhoto(Buffer.from([0xff, 0xd8])), undefined, 'too short to be a JPEG');
});

test('stripping a JPEG drops EXIF (with GPS), XMP and comments and keeps the image data', () => {
  const original = jpegWithExif();
  assert.ok(has(original, GPS_MARKER));
  const stripped = stripJpegMetadata(original);
  assert.ok(!has(stripped, GPS_MARKER), 'no GPS');
  assert.ok(!has(stripped, 'Exif'), 'no EXIF segment');
  assert.ok(!has(stripped, 'Jan Kowalski'), 'no XMP');
  assert.ok(!has(stripped, 'taken at home'), 'no comment');
  assert.deepEqual([...stripped.subarray(0, 3)], [0xff, 0xd8, 0xff], 'still starts like a JPEG');
  assert.deepEqual([...stripped.subarray(-2)], [0xff, 0xd9], 'ends with EOI');
  assert.ok(has(stripped, 'JFIF'), 'JFIF header kept');
  // The scan data, with its stuffed FF00 and restart marker, is copied byte for byte.
  assert.ok(stripped.includes(Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78])));
  assert.equal(stripJpegMetadata(stripped).length, stripped.length, 'stripping is idempotent');
});

test('an ICC profile in APP2 survives, other APP2 data does not', () => {
  const icc = Buffer.concat([Buffer.from([0xff, 0xe2, 0, 20]), Buffer.from('ICC_PROFILE\0\x01\x01abcd', 'latin1')]);
  const other = Buffer.concat([Buffer.from([0xff, 0xe2, 0, 10]), Buffer.from('FPXR\0\0\0\0', 'latin1')]);
  const original = jpegWithExif();
  const input = Buffer.concat([original.subarray(0, 2), icc, other, original.subarray(2)]);
  const stripped = stripJpegMetadata(input);
  assert.ok(has(stripped, 'ICC_PROFILE'));
  assert.ok(!has(stripped, 'FPXR'));
});

test('a truncated or fake JPEG is refused as malformed', () => {
  const original = jpegWithExif();
  assert.throws(() => stripJpegMetadata(original.subarray(0, 30)), MalformedImageError);
  assert.throws(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0])), MalformedImageError);
  assert.throws(() => stripJpegMetadata(Buffer.from('not a jpeg at all')), MalformedImageError);
});

test('stripping a PNG drops tEXt and tIME, keeps IHDR, IDAT and IEND with valid structure', () => {
  const original = pngWithText();
  assert.ok(has(original, PNG_TEXT_MARKER));
  const stripped = stripPngMetadata(original);
  assert.ok(!has(stripped, PNG_TEXT_MARKER));
  assert.ok(!has(stripped, 'tEXt') && !has(stripped, 'tIME'));
  assert.deepEqual([...stripped.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (const type of ['IHDR', 'IDAT', 'IEND']) assert.ok(has(stripped, type), type);
  assert.equal(stripped.length, original.length - (12 + 8 + PNG_TEXT_MARKER.length) - (12 + 7));
  assert.throws(() => stripPngMetadata(original.subarray(0, original.length - 12)), MalformedImageError, 'no IEND');
});

test('cleanPhoto answers undefined for other types and the stripped bytes for JPEG and PNG', () => {
  assert.equal(cleanPhoto(Buffer.from('GIF89a')), undefined);
  assert.equal(cleanPhoto(jpegWithExif())?.mime, 'image/jpeg');
  assert.equal(cleanPhoto(pngWithText())?.mime, 'image/png');
});
