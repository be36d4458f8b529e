import { REPORT_LIMITS } from '../../../../common/catalogue.js';
import { ErrorCode } from '../../../../common/errors.js';

const TYPES = ['image/jpeg', 'image/png'];

export interface Photo {
  file: File;
  /** Object URL of the preview; revoked when the photo is removed or the form goes away. */
  url: string;
}

/**
 * The photos chosen for a report, checked as the server checks them (type, count, total size)
 * so the reader hears the same message before sending. The server still decides by content.
 */
export class PhotoList {
  #photos: Photo[] = [];

  get items(): readonly Photo[] {
    return this.#photos;
  }

  get files(): File[] {
    return this.#photos.map((photo) => photo.file);
  }

  get full(): boolean {
    return this.#photos.length >= REPORT_LIMITS.maxPhotos;
  }

  /** Adds what fits; returns the code of the first refusal (the rest of the files still count). */
  add(files: Iterable<File>): ErrorCode | undefined {
    let refusal: ErrorCode | undefined;
    for (const file of files) {
      const code = this.#check(file);
      if (code) refusal ??= code;
      else this.#photos = [...this.#photos, { file, url: URL.createObjectURL(file) }];
    }
    return refusal;
  }

  remove(photo: Photo): void {
    URL.revokeObjectURL(photo.url);
    this.#photos = this.#photos.filter((p) => p !== photo);
  }

  clear(): void {
    for (const photo of this.#photos) URL.revokeObjectURL(photo.url);
    this.#photos = [];
  }

  #check(file: File): ErrorCode | undefined {
    if (!TYPES.includes(file.type)) return ErrorCode.photoTypeNotAllowed;
    if (this.full) return ErrorCode.tooManyPhotos;
    const total = this.#photos.reduce((sum, photo) => sum + photo.file.size, file.size);
    if (total > REPORT_LIMITS.photosMaxBytes) return ErrorCode.photosTooLarge;
    return undefined;
  }
}
