// Image types accepted for report photos.
import type { PhotoMime } from '../store/photo.js';

export type { PhotoMime };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The type of an image by its first bytes (its "magic number"). The file name and the
 * declared content type come from the client and prove nothing, so they are not consulted.
 */
export function sniffPhoto(bytes: Uint8Array): PhotoMime | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.equals(bytes.subarray(0, 8))) return 'image/png';
  return undefined;
}

export { PNG_SIGNATURE };
