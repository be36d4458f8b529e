import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * Real, decodable test images made by sharp, and byte splicing to plant segments and chunks
 * where a metadata stripper might not look. Text planted this way stands for what a phone or
 * an editor may leave in a photo: a position and a name.
 */

/** Planted text: a GPS-like position and a person's name, searched for in the stored bytes. */
export const PLANTED = 'GPS 54.372158N 18.638306E Jan Kowalski';

/** A w×h photo whose left half is red and right half blue, so a rotation can be seen. */
export async function twoColourJpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  return twoColour(width, height, orientation).jpeg({ quality: 95 }).toBuffer();
}

/** The PNG counterpart of twoColourJpeg (no orientation: PNG photos carry none in practice). */
export function twoColourPng(width: number, height: number): Promise<Buffer> {
  return twoColour(width, height).png().toBuffer();
}

function twoColour(width: number, height: number, orientation?: number): sharp.Sharp {
  const half = Math.floor(width / 2);
  const image = sharp({ create: { width, height, channels: 3, background: { r: 220, g: 20, b: 20 } } }).composite([
    {
      input: { create: { width: width - half, height, channels: 3, background: { r: 20, g: 20, b: 220 } } },
      left: half,
      top: 0,
    },
  ]);
  return orientation === undefined ? image : image.withMetadata({ orientation });
}

/** A JPEG marker segment: FF, marker, 2-byte length counting itself, payload. */
export function jpegSegment(marker: number, payload: Buffer | string): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'latin1');
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** Inserts segments right after the SOI marker (the first two bytes) of a JPEG. */
export function spliceIntoJpeg(jpeg: Buffer, ...segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** A PNG chunk: 4-byte length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Buffer | string): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** Inserts chunks right after IHDR (signature 8 bytes + IHDR 25 bytes) of a PNG. */
export function spliceIntoPng(png: Buffer, ...chunks: Buffer[]): Buffer {
  const afterHeader = 8 + 25;
  return Buffer.concat([png.subarray(0, afterHeader), ...chunks, png.subarray(afterHeader)]);
}

/** Whether latin1 text occurs anywhere in the bytes. */
export function contains(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'latin1'));
}
