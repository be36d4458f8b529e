import sharp from 'sharp';
import { withPhotoSlot } from './photo-slots.js';
import { sniffPhoto, type PhotoMime } from './sniff.js';

// Citizens' photos are each decoded once: sharp's cache would only keep them in memory.
sharp.cache(false);

/** A photo ready to store: its type by content and freshly encoded pixels, nothing else. */
export interface CleanPhoto {
  mime: PhotoMime;
  bytes: Buffer;
}

/**
 * Largest photo accepted, in pixels: a 48-megapixel phone photo (8064×6048) fits. The
 * limit is checked on the header before decoding, so a small file claiming a huge image
 * (a decompression bomb) costs nothing; decoding 50 MP takes about 150 MB.
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

/**
 * Longest side of a stored photo, in pixels. Officers need to see the threat, not a 50 MP
 * original: 2560 px shows a number plate or a broken lock; fewer pixels keep fewer faces of
 * passers-by and much less disk. A smaller photo is stored at its own size.
 */
export const PHOTO_STORED_MAX_SIDE = 2560;

/**
 * Ceiling on a stored photo's bytes. A photo is written into SQLite by a synchronous commit
 * (with fsync) on the event loop; its bytes set how long that blocks (about 4 ms per MB on
 * the 2-core VM, far more while the disk is busy). A phone photo at 2560 px and quality 82
 * is a few hundred KB; a photo of fine detail (gravel, foliage, noise) can be several MB, and
 * is encoded again with fewer pixels until it fits.
 */
export const PHOTO_STORED_MAX_BYTES = 1024 * 1024;

/** JPEG quality of stored photos. libjpeg-turbo, not mozjpeg: mozjpeg saved 11-15 % of the bytes for 4-8 times the CPU (measured). */
const JPEG_QUALITY = 82;

/** At most this many encodings per photo; the last is kept whatever its size. */
const MAX_ENCODINGS = 3;

/** Why a photo was refused; read-submission.ts turns it into an error code. */
export class PhotoRefusedError extends Error {
  override name = 'PhotoRefusedError';
  constructor(
    /** `type`: not JPEG or PNG by content; `unreadable`: does not decode; `pixels`: too large. */
    readonly reason: 'type' | 'unreadable' | 'pixels',
    message: string,
  ) {
    super(message);
  }
}

const FORMAT_OF: Record<PhotoMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };

/**
 * Decodes a photo and encodes its pixels again, in the same format. This is an allow-list:
 * only the pixels survive, so no metadata (EXIF with GPS, XMP, ICC profiles, comments,
 * vendor segments, PNG text or private chunks, C2PA manifests) and no padding or trailing
 * data can reach the database, wherever a camera or an attacker put it. The EXIF
 * orientation is applied to the pixels first, so a portrait photo stays upright once the
 * EXIF is gone; an embedded colour profile is applied too (the output is sRGB). The stored
 * photo is at most PHOTO_STORED_MAX_SIDE pixels on its longest side and, unless three tries
 * fail, at most PHOTO_STORED_MAX_BYTES.
 *
 * The work runs on libuv's thread pool (sharp), one or two photos at a time (photo-slots.ts),
 * so the event loop stays free while a photo is decoded.
 *
 * @throws PhotoRefusedError when the bytes are not a JPEG or PNG that decodes.
 */
export async function cleanPhoto(bytes: Buffer): Promise<CleanPhoto> {
  const mime = sniffPhoto(bytes);
  if (!mime) throw new PhotoRefusedError('type', 'is not a JPEG or PNG image');
  return withPhotoSlot(async () => {
    // failOn 'error': a truncated or corrupt file is refused; mere warnings (a few stray
    // bytes some cameras write) are not, or real photos would be.
    const input = { failOn: 'error', limitInputPixels: PHOTO_MAX_PIXELS } as const;
    let header: sharp.Metadata;
    try {
      // The header alone, whatever its size claims: the pixel limit is checked just below.
      header = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      throw new PhotoRefusedError('unreadable', 'does not decode as an image');
    }
    // The sniffed signature decides which decoder libvips picks; this only double-checks it.
    if (header.format !== FORMAT_OF[mime]) throw new PhotoRefusedError('type', 'is not a JPEG or PNG image');
    if (header.width * header.height > PHOTO_MAX_PIXELS) {
      throw new PhotoRefusedError('pixels', `has more than ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`);
    }
    let side = Math.min(PHOTO_STORED_MAX_SIDE, Math.max(header.width, header.height));
    try {
      for (let encoding = 1; ; encoding++) {
        // fit 'inside' a square: the longest side, whichever way the photo is turned.
        const image = sharp(bytes, input).rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
        const clean = mime === 'image/jpeg' ? await image.jpeg({ quality: JPEG_QUALITY }).toBuffer() : await image.png().toBuffer();
        if (clean.length <= PHOTO_STORED_MAX_BYTES || encoding === MAX_ENCODINGS) return { mime, bytes: clean };
        // Bytes follow the pixel count: scale both sides by the root of the overshoot, with a margin.
        side = Math.max(1, Math.floor(side * Math.sqrt(PHOTO_STORED_MAX_BYTES / clean.length) * 0.9));
      }
    } catch {
      throw new PhotoRefusedError('unreadable', 'does not decode as an image');
    }
  });
}
