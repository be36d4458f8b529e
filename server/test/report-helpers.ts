import { crc32 } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';

/** Olsztyn old town: inside kmp-olsztyn. */
export const OLSZTYN = { lon: 20.4801, lat: 53.7784 };

let devices = 0;

/** A fresh, well-formed device token (each test device is distinct). */
export function newDevice(): string {
  devices++;
  return `test-device-${process.pid}-${devices}`.padEnd(16, 'x');
}

export interface Sender {
  device?: string | undefined;
  ip?: string;
}

/** POSTs a JSON report; a new device and a documentation-range IP unless given. */
export function postReport(app: FastifyInstance, body: unknown, sender: Sender = {}): Promise<LightMyRequestResponse> {
  const device = 'device' in sender ? sender.device : newDevice();
  return app.inject({
    method: 'POST',
    url: ApiPath.reports,
    headers: device === undefined ? {} : { [DEVICE_HEADER]: device },
    remoteAddress: sender.ip ?? '192.0.2.1',
    payload: body as Record<string, unknown>,
  });
}

export interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
}

/** A multipart/form-data body, built by hand so the test controls every byte. */
export function multipart(parts: readonly Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----kmzb-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a report with photos as multipart/form-data. */
export function postReportWithPhotos(
  app: FastifyInstance,
  report: unknown,
  photos: readonly Buffer[],
  sender: Sender = {},
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart([
    { name: 'report', data: JSON.stringify(report) },
    ...photos.map((data, i) => ({ name: 'photo', filename: `photo${i + 1}.jpg`, type: 'image/jpeg', data })),
  ]);
  return app.inject({
    method: 'POST',
    url: ApiPath.reports,
    headers: { 'content-type': contentType, [DEVICE_HEADER]: sender.device ?? newDevice() },
    remoteAddress: sender.ip ?? '192.0.2.1',
    payload,
  });
}

/** A marker string standing for GPS coordinates inside EXIF, easy to search for in bytes. */
export const GPS_MARKER = 'GPSLatitude=54.372158;GPSLongitude=18.638306';

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A real 8×8 baseline JPEG (made once with sharp, quality 50), kept as base64 so that the
 * helpers stay synchronous.
 */
const TINY_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AIgADv/Z',
  'base64',
);

/** APP0 segments (not JFIF, so decoders skip them) adding about `bytes` of filler. */
function padding(bytes: number): Buffer[] {
  const segments: Buffer[] = [];
  for (let left = bytes; left > 0; left -= 65533) segments.push(segment(0xe0, Buffer.alloc(Math.min(left, 65533), 0x55)));
  return segments;
}

/**
 * A decodable JPEG carrying metadata: JFIF, an EXIF APP1 with the GPS marker, an XMP APP1
 * with a name, a comment, and `paddingBytes` of filler segments before the image itself.
 */
export function jpegWithExif(paddingBytes = 0): Buffer {
  return Buffer.concat([
    TINY_JPEG.subarray(0, 2),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from(`Exif\0\0MM\0*${GPS_MARKER}`, 'latin1')),
    segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Author: Jan Kowalski</x:xmpmeta>', 'latin1')),
    segment(0xfe, Buffer.from('Comment: taken at home', 'latin1')),
    ...padding(paddingBytes),
    TINY_JPEG.subarray(2),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export const PNG_TEXT_MARKER = 'Location: ul. Dluga 5, Gdansk';

/** A PNG with IHDR, a tEXt chunk with an address, a tIME chunk, IDAT and IEND. */
export function pngWithText(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${PNG_TEXT_MARKER}`, 'latin1')),
    chunk('tIME', Buffer.from([7, 233, 5, 1, 12, 0, 0])),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0, 0, 0, 4, 0, 1])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
