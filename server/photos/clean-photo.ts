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
 * EXIF is gone; an embedded colour profile is applied too (the output is sRGB).
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
    const image = sharp(bytes, input).rotate();
    try {
      const clean = mime === 'image/jpeg' ? await image.jpeg({ quality: 85 }).toBuffer() : await image.png().toBuffer();
      return { mime, bytes: clean };
    } catch {
      throw new PhotoRefusedError('unreadable', 'does not decode as an image');
    }
  });
}
