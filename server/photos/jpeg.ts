/** The bytes are not a well-formed JPEG (or PNG): truncated, or a segment is out of bounds. */
export class MalformedImageError extends Error {
  override name = 'MalformedImageError';
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

/**
 * Markers without a length field: SOI, EOI, RST0-7 and TEM. Every other marker is followed
 * by a 2-byte big-endian length that counts itself.
 */
function isStandalone(marker: number): boolean {
  return marker === SOI || marker === EOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

/**
 * Whether an application or comment segment is kept. APP1 (EXIF with GPS, XMP), APP3-APP13,
 * APP15 and COM carry metadata and go. APP0 (JFIF) is kept for the pixel aspect; APP2 only
 * when it is an ICC colour profile and APP14 only when it is Adobe's, because without them
 * colours shift or CMYK images decode wrongly; neither can hold a location or a name.
 */
function keepsSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0) return true;
  if (marker === APP2) return startsWithAscii(payload, 'ICC_PROFILE\0');
  if (marker === APP14) return startsWithAscii(payload, 'Adobe');
  return !(marker >= 0xe1 && marker <= 0xef) && marker !== COM;
}

function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Copies a JPEG without its metadata segments, leaving the image data untouched. Walks the
 * marker segments; after each start of scan copies the entropy-coded data up to the next
 * real marker (FF followed by neither 00 stuffing nor a restart marker), so progressive
 * images with several scans keep every scan. Anything after EOI is dropped.
 *
 * @throws MalformedImageError when the structure is broken.
 */
export function stripJpegMetadata(input: Uint8Array): Buffer {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new MalformedImageError('not a JPEG');
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let pos = 2;
  for (;;) {
    if (pos + 2 > bytes.length) throw new MalformedImageError('JPEG ends before its EOI marker');
    if (bytes[pos] !== 0xff) throw new MalformedImageError(`expected a marker at byte ${pos}`);
    let marker = bytes[pos + 1]!;
    // Any number of 0xFF fill bytes may precede a marker.
    while (marker === 0xff && pos + 2 < bytes.length) marker = bytes[++pos + 1]!;
    if (marker === EOI) {
      out.push(bytes.subarray(pos, pos + 2));
      return Buffer.concat(out);
    }
    if (isStandalone(marker)) {
      out.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw new MalformedImageError('JPEG segment header is truncated');
    const length = bytes.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw new MalformedImageError(`JPEG segment at byte ${pos} runs past the end`);
    if (keepsSegment(marker, bytes.subarray(pos + 4, end))) out.push(bytes.subarray(pos, end));
    pos = end;
    if (marker === SOS) {
      const next = nextMarker(bytes, pos);
      out.push(bytes.subarray(pos, next));
      pos = next;
    }
  }
}

/** Position of the first marker after entropy-coded data starting at `from`. */
function nextMarker(bytes: Buffer, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) return i;
  }
  throw new MalformedImageError('JPEG scan data has no end');
}
