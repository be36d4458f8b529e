import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import sharp from 'sharp';
import { build, TEST_STORE } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { PLANTED, contains, jpegSegment, pngChunk, spliceIntoJpeg, spliceIntoPng, twoColourJpeg, twoColourPng } from './photo-fixtures.js';
import {
  GPS_MARKER,
  OLSZTYN,
  PNG_TEXT_MARKER,
  jpegWithExif,
  multipart,
  newDevice,
  pngWithText,
  postReportWithPhotos,
} from './report-helpers.js';

const report = { ...OLSZTYN, category: 'illegal_dump', description: 'Hałda opon za garażami.' };

/** What a report writes, table by table (SQLite keeps the points in an R*Tree table of their own). */
const TABLES = ['reports', ...(TEST_STORE === 'sqlite' ? ['reports_rtree'] : []), 'report_history', 'report_photos', 'daily_actions'];

async function counts(app: Awaited<ReturnType<typeof build>>): Promise<Record<string, number>> {
  const sql = sqlOf(app);
  return Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await sql.value<number>(`SELECT count(*) FROM ${table}`)] as const)));
}

test('photos are stored in order, without EXIF/GPS or text chunks, starting with their signature', async (t) => {
  const app = await build(t);
  const response = await postReportWithPhotos(app, report, [jpegWithExif(), pngWithText()]);
  assert.equal(response.statusCode, 201, response.body);
  const { id, unit } = response.json<ReportCreated>();
  assert.equal(unit.id, 'kmp-olsztyn');
  const photos = await sqlOf(app).all<{ ordinal: number; mime: string; bytes: Buffer }>(
    'SELECT ordinal, mime, bytes FROM report_photos WHERE report_id = ? ORDER BY ordinal', id);
  assert.deepEqual(photos.map((photo) => [photo.ordinal, photo.mime]), [[1, 'image/jpeg'], [2, 'image/png']]);
  const [jpeg, png] = photos.map((photo) => photo.bytes);
  assert.deepEqual([...jpeg!.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.ok(!jpeg!.includes(Buffer.from(GPS_MARKER)) && !jpeg!.includes(Buffer.from('Exif')));
  assert.deepEqual([...png!.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(!png!.includes(Buffer.from(PNG_TEXT_MARKER)));
  const stored = (await sqlOf(app).get<{ description: string }>('SELECT description FROM reports WHERE id = ?', id))!;
  assert.equal(stored.description, report.description, 'the multipart report field is read as UTF-8 JSON');
});

test('a photo that is not JPEG or PNG by content is 415 PHOTO_TYPE_NOT_ALLOWED and nothing is written', async (t) => {
  const app = await build(t);
  const before = await counts(app);
  // A GIF sent with a .jpg name and an image/jpeg type: only the bytes count.
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
  const response = await postReportWithPhotos(app, report, [jpegWithExif(), gif]);
  assert.equal(response.statusCode, 415, response.body);
  assert.equal(response.json<ErrorBody>().code, 'PHOTO_TYPE_NOT_ALLOWED');
  assert.deepEqual(await counts(app), before, 'no report, no R*Tree row, no history, no photo, no daily action');
});

test('a photo that starts like a JPEG but does not decode is 422 PHOTO_UNREADABLE and nothing is written', async (t) => {
  const app = await build(t);
  const before = await counts(app);
  const withF7 = spliceIntoJpeg(await twoColourJpeg(40, 20), jpegSegment(0xf7, PLANTED));
  for (const photo of [Buffer.from([0xff, 0xd8, 0xff, 0xd9]), jpegWithExif().subarray(0, 300), withF7]) {
    const response = await postReportWithPhotos(app, report, [photo]);
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json<ErrorBody>().code, 'PHOTO_UNREADABLE');
    assert.match(response.json<ErrorBody>().message, /^Photo 1 /);
  }
  assert.deepEqual(await counts(app), before);
});

test('planted text is absent from the stored photos, and a portrait photo is stored upright', async (t) => {
  const app = await build(t);
  const jpeg = spliceIntoJpeg(
    await twoColourJpeg(40, 20, 6),
    jpegSegment(0xe0, `JFXX\0\x10${PLANTED}`),
    jpegSegment(0xe2, `ICC_PROFILE\0\x01\x01${PLANTED}`),
    jpegSegment(0xee, `Adobe\0\x64\0\0\0\0\x01${PLANTED}`),
  );
  const png = spliceIntoPng(await twoColourPng(40, 20), pngChunk('gpSx', PLANTED), pngChunk('caBX', PLANTED), pngChunk('exIf', PLANTED));
  const response = await postReportWithPhotos(app, report, [jpeg, png]);
  assert.equal(response.statusCode, 201, response.body);
  const stored = await sqlOf(app).all<{ mime: string; bytes: Buffer }>('SELECT mime, bytes FROM report_photos ORDER BY ordinal');
  assert.deepEqual(stored.map((photo) => photo.mime), ['image/jpeg', 'image/png']);
  for (const photo of stored) assert.ok(!contains(photo.bytes, PLANTED) && !contains(photo.bytes, 'Kowalski'));
  const [portrait, landscape] = await Promise.all(stored.map((photo) => sharp(photo.bytes).metadata()));
  assert.deepEqual([portrait!.width, portrait!.height], [20, 40], 'EXIF orientation 6 turned into pixels');
  assert.deepEqual([landscape!.width, landscape!.height], [40, 20]);
});

test('photos over 5 MB together are 413 PHOTOS_TOO_LARGE and nothing is written', async (t) => {
  const app = await build(t);
  const before = await counts(app);
  const twoMegabytes = jpegWithExif(2 * 1024 * 1024);
  const together = await postReportWithPhotos(app, report, [twoMegabytes, twoMegabytes, twoMegabytes]);
  assert.equal(together.statusCode, 413, together.body);
  assert.equal(together.json<ErrorBody>().code, 'PHOTOS_TOO_LARGE');
  const single = await postReportWithPhotos(app, report, [jpegWithExif(6 * 1024 * 1024)]);
  assert.equal(single.statusCode, 413, single.body);
  assert.equal(single.json<ErrorBody>().code, 'PHOTOS_TOO_LARGE');
  assert.deepEqual(await counts(app), before);
  const fits = await postReportWithPhotos(app, report, [twoMegabytes, twoMegabytes]);
  assert.equal(fits.statusCode, 201, '4 MB together is fine');
  const sizes = await sqlOf(app).all<{ n: number }>('SELECT length(bytes) AS n FROM report_photos');
  assert.ok(sizes.length === 2 && sizes.every(({ n }) => n < 2048), 'the padding is not stored');
});

test('a fourth photo is 400 TOO_MANY_PHOTOS', async (t) => {
  const app = await build(t);
  const photo = jpegWithExif();
  const response = await postReportWithPhotos(app, report, [photo, photo, photo, photo]);
  assert.equal(response.statusCode, 400, response.body);
  assert.equal(response.json<ErrorBody>().code, 'TOO_MANY_PHOTOS');
  assert.equal(await app.store.reports.count(), 0);
});

test('a multipart request without a valid report field is 400, and its report is validated like JSON', async (t) => {
  const app = await build(t);
  const send = (parts: Parameters<typeof multipart>[0]) => {
    const { payload, contentType } = multipart(parts);
    return app.inject({ method: 'POST', url: ApiPath.reports, headers: { 'content-type': contentType, [DEVICE_HEADER]: newDevice() }, payload });
  };
  const missing = await send([{ name: 'photo', filename: 'a.jpg', data: jpegWithExif() }]);
  assert.equal(missing.json<ErrorBody>().code, 'INVALID_REQUEST');
  const broken = await send([{ name: 'report', data: '{"lon":' }]);
  assert.equal(broken.json<ErrorBody>().code, 'INVALID_REQUEST');
  const tooLong = await send([{ name: 'report', data: JSON.stringify({ ...report, description: 'x'.repeat(501) }) }]);
  assert.equal(tooLong.json<ErrorBody>().code, 'DESCRIPTION_TOO_LONG');
  const declaredJson = await send([{ name: 'report', type: 'application/json', data: JSON.stringify(report) }]);
  assert.equal(declaredJson.statusCode, 201, 'a report part sent as a JSON blob is read too');
  const noPhotos = await send([{ name: 'report', data: JSON.stringify(report) }, { name: 'photo', filename: '', data: '' }]);
  assert.equal(noPhotos.statusCode, 201, 'an empty file input is no photo');
  assert.equal((await counts(app)).report_photos, 0);
  assert.equal((await counts(app)).reports, 2);
});

test('photos sent over a socket in many chunks, with and without a Content-Length, are stored whole and in order', async (t) => {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // Noise does not compress: a photo of ~1 MB that arrives in many socket reads.
  const noise = await sharp({ create: { width: 700, height: 500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
  const small = await twoColourPng(30, 10);
  const { payload, contentType } = multipart([
    { name: 'report', data: JSON.stringify(report) },
    { name: 'photo', filename: 'a.jpg', type: 'image/jpeg', data: noise },
    { name: 'photo', filename: 'b.png', type: 'image/png', data: small },
  ]);
  const post = (chunked: boolean) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': contentType, [DEVICE_HEADER]: newDevice() };
      if (!chunked) headers['content-length'] = payload.length;
      const sent = request({ port, host: '127.0.0.1', method: 'POST', path: ApiPath.reports, headers }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      sent.on('error', reject);
      // 16 KiB writes: with no Content-Length, Node sends each as an HTTP chunk.
      for (let at = 0; at < payload.length; at += 16 * 1024) sent.write(payload.subarray(at, at + 16 * 1024));
      sent.end();
    });
  for (const chunked of [false, true]) {
    const { status, body } = await post(chunked);
    assert.equal(status, 201, body);
    const { id } = JSON.parse(body) as ReportCreated;
    const stored = await sqlOf(app).all<{ mime: string; bytes: Buffer }>('SELECT mime, bytes FROM report_photos WHERE report_id = ? ORDER BY ordinal', id);
    assert.deepEqual(stored.map(({ mime }) => mime), ['image/jpeg', 'image/png'], `chunked: ${chunked}`);
    const sizes = await Promise.all(stored.map(async ({ bytes }) => {
      const { width, height } = await sharp(bytes).metadata();
      return [width, height];
    }));
    assert.deepEqual(sizes, [[700, 500], [30, 10]], 'both photos decode whole, at their size');
  }
});
