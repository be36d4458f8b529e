import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import { DISCARD_LIMIT } from '../http/discard-body.js';
import { build } from './helpers.js';
import { RawConnection, rawRequest } from './raw-http.js';
import { OLSZTYN, jpegWithExif, multipart, newDevice, type Part } from './report-helpers.js';

/**
 * Malformed or refused multipart uploads against a real listening server, on a raw
 * kept-alive socket: each gets a 4xx with a stable code, never a 500, and the same
 * connection then serves a good upload (or, past the discard limit, is closed).
 */

const report = JSON.stringify({ ...OLSZTYN, category: 'illegal_dump' });
const reportPart: Part = { name: 'report', data: report };
const photo = (data: Buffer | string, name = 'photo'): Part => ({ name, filename: 'a.jpg', type: 'image/jpeg', data });

async function connection(t: TestContext): Promise<RawConnection> {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const raw = await RawConnection.open((app.server.address() as AddressInfo).port);
  t.after(() => raw.close());
  return raw;
}

function postReport(contentType: string, body: Buffer): Buffer {
  return rawRequest('POST', ApiPath.reports, { 'Content-Type': contentType, [DEVICE_HEADER]: newDevice() }, body);
}

function multipartRequest(parts: Part[]): Buffer {
  const { payload, contentType } = multipart(parts);
  return postReport(contentType, payload);
}

/** A good upload on the same connection: a report with a photo, 201. */
async function assertStillServes(raw: RawConnection): Promise<void> {
  raw.send(multipartRequest([reportPart, photo(jpegWithExif())]));
  const good = await raw.response();
  assert.equal(good.status, 201, good.body);
  assert.equal(good.headers.connection, 'keep-alive');
}

const truncatedInsidePhoto = (() => {
  const { payload, contentType } = multipart([reportPart, photo(jpegWithExif(200_000))]);
  return { contentType, payload: payload.subarray(0, payload.length - 100_000) };
})();

const refusals: { name: string; request: () => Buffer; status: number; code: string }[] = [
  {
    name: 'multipart/form-data without a boundary',
    request: () => postReport('multipart/form-data', multipart([reportPart, photo(jpegWithExif(300_000))]).payload),
    status: 400,
    code: 'INVALID_MULTIPART',
  },
  {
    name: 'a body that ends inside a photo part',
    request: () => postReport(truncatedInsidePhoto.contentType, truncatedInsidePhoto.payload),
    status: 400,
    code: 'INVALID_MULTIPART',
  },
  {
    name: 'a file field not named photo',
    request: () => multipartRequest([reportPart, photo(jpegWithExif(1_000_000), 'picture')]),
    status: 400,
    code: 'INVALID_MULTIPART',
  },
  {
    name: 'four photos',
    request: () => multipartRequest([reportPart, ...[1, 2, 3, 4].map(() => photo(jpegWithExif(300_000)))]),
    status: 400,
    code: 'TOO_MANY_PHOTOS',
  },
  {
    name: 'a 6 MB photo',
    request: () => multipartRequest([reportPart, photo(jpegWithExif(6 * 1024 * 1024))]),
    status: 413,
    code: 'PHOTOS_TOO_LARGE',
  },
  {
    name: 'a report field over 16 KiB',
    request: () => multipartRequest([{ name: 'report', data: 'x'.repeat(20_000) }, photo(jpegWithExif(300_000))]),
    status: 413,
    code: 'INVALID_MULTIPART',
  },
  {
    name: 'too many fields',
    request: () => multipartRequest([...[1, 2, 3, 4, 5, 6].map((n) => ({ name: `f${n}`, data: 'x' })), reportPart, photo(jpegWithExif(300_000))]),
    status: 400,
    code: 'INVALID_MULTIPART',
  },
  {
    name: 'a photo that does not decode',
    request: () => multipartRequest([reportPart, photo(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))]),
    status: 422,
    code: 'PHOTO_UNREADABLE',
  },
];

for (const { name, request, status, code } of refusals) {
  test(`${name}: ${status} ${code}, and the kept-alive connection then serves a good upload`, async (t) => {
    const raw = await connection(t);
    raw.send(request());
    const refused = await raw.response();
    assert.equal(refused.status, status, refused.body);
    assert.equal(JSON.parse(refused.body).code, code);
    await assertStillServes(raw);
  });
}

test('multipart sent to a route that takes none is 415 and the connection serves the next request', async (t) => {
  const raw = await connection(t);
  const { payload, contentType } = multipart([reportPart, photo(jpegWithExif(300_000))]);
  raw.send(rawRequest('POST', `${ApiPath.reports}/AAAAAAAA/confirmations`, { 'Content-Type': contentType, [DEVICE_HEADER]: newDevice() }, payload));
  const refused = await raw.response();
  assert.equal(refused.status, 415, refused.body);
  assert.equal(JSON.parse(refused.body).code, 'INVALID_REQUEST');
  await assertStillServes(raw);
});

test('a refused upload that goes on sending past the discard limit gets its answer, then the connection is closed', async (t) => {
  const raw = await connection(t);
  raw.send(multipartRequest([reportPart, photo(Buffer.alloc(DISCARD_LIMIT * 2, 0x55), 'picture')]));
  const refused = await raw.response();
  assert.equal(refused.status, 400);
  assert.equal(JSON.parse(refused.body).code, 'INVALID_MULTIPART');
  await raw.closedByServer();
});
