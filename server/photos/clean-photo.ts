import { stripJpegMetadata } from './jpeg.js';
import { stripPngMetadata } from './png.js';
import { sniffPhoto, type PhotoMime } from './sniff.js';

export { MalformedImageError } from './jpeg.js';

/** A photo ready to store: its type by content and its bytes without metadata. */
export interface CleanPhoto {
  mime: PhotoMime;
  bytes: Buffer;
}

/**
 * Identifies a photo by content and strips its metadata. Returns undefined when the bytes
 * are neither JPEG nor PNG.
 *
 * @throws MalformedImageError when they claim to be one but are broken.
 */
export function cleanPhoto(bytes: Uint8Array): CleanPhoto | undefined {
  const mime = sniffPhoto(bytes);
  if (mime === 'image/jpeg') return { mime, bytes: stripJpegMetadata(bytes) };
  if (mime === 'image/png') return { mime, bytes: stripPngMetadata(bytes) };
  return undefined;
}
