import { MalformedImageError } from './jpeg.js';
import { PNG_SIGNATURE } from './sniff.js';

/**
 * Ancillary chunks that carry metadata: text (author, comments, software, sometimes a
 * location), EXIF, and the modification time. Everything else, critical or ancillary
 * (colour profile, gamma, transparency, physical size), is kept so the image looks the same.
 */
const METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/**
 * Copies a PNG without its metadata chunks. Each chunk is length (4 bytes, big-endian), type
 * (4), data, CRC (4); kept chunks are copied byte for byte, so their CRCs stay valid.
 * Anything after IEND is dropped.
 *
 * @throws MalformedImageError when the structure is broken.
 */
export function stripPngMetadata(input: Uint8Array): Buffer {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 8 || !PNG_SIGNATURE.equals(bytes.subarray(0, 8))) throw new MalformedImageError('not a PNG');
  const out: Buffer[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let first = true;
  for (;;) {
    if (pos + 12 > bytes.length) throw new MalformedImageError('PNG ends before its IEND chunk');
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) {
      throw new MalformedImageError(`PNG chunk at byte ${pos} is malformed`);
    }
    if (first && type !== 'IHDR') throw new MalformedImageError('PNG does not start with IHDR');
    first = false;
    if (!METADATA_CHUNKS.has(type)) out.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
}
