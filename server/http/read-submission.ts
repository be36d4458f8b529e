import type { FastifyRequest } from 'fastify';
import { REPORT_LIMITS } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import { cleanPhoto, MalformedImageError, type CleanPhoto } from '../photos/clean-photo.js';
import { ApiError } from './api-error.js';

/** The raw parts of a report submission: the report object (unvalidated) and its photos. */
export interface Submission {
  body: unknown;
  photos: CleanPhoto[];
}

/**
 * Reads a report submission: a JSON body, or multipart/form-data with the same JSON in a
 * `report` field and up to 3 `photo` files. Photos are identified by content and cleaned of
 * metadata here, so nothing unchecked reaches the database.
 */
export async function readSubmission(request: FastifyRequest): Promise<Submission> {
  if (!request.isMultipart()) return { body: request.body, photos: [] };
  let reportText: string | undefined;
  const raw: Buffer[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'report') reportText = String(part.value);
        continue;
      }
      if (part.fieldname !== 'photo') throw new ApiError(400, ErrorCode.invalidRequest, `Unexpected file field "${part.fieldname}".`);
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > REPORT_LIMITS.photosMaxBytes) throw photosTooLarge();
        chunks.push(chunk);
      }
      // busboy cuts a file at the per-file limit; the truncated flag says it happened.
      if (part.file.truncated) throw photosTooLarge();
      // An empty file input of a form sends a part without bytes: no photo.
      if (total > 0 && chunks.length > 0) raw.push(Buffer.concat(chunks));
    }
  } catch (error) {
    throw toApiError(error);
  }
  if (reportText === undefined) throw new ApiError(400, ErrorCode.invalidRequest, 'The multipart request needs a "report" field with the report as JSON.');
  let body: unknown;
  try {
    body = JSON.parse(reportText);
  } catch {
    throw new ApiError(400, ErrorCode.invalidRequest, 'The "report" field is not valid JSON.');
  }
  return { body, photos: raw.map(toCleanPhoto) };
}

function toCleanPhoto(bytes: Buffer, index: number): CleanPhoto {
  try {
    const photo = cleanPhoto(bytes);
    if (photo) return photo;
  } catch (error) {
    if (!(error instanceof MalformedImageError)) throw error;
  }
  throw new ApiError(415, ErrorCode.photoTypeNotAllowed, `Photo ${index + 1} is not a valid JPEG or PNG image.`);
}

function photosTooLarge(): ApiError {
  return new ApiError(413, ErrorCode.photosTooLarge, `Photos may have at most ${REPORT_LIMITS.photosMaxBytes / 1024 / 1024} MB together.`);
}

/** Maps @fastify/multipart's limit errors (413 without our codes) to stable codes. */
function toApiError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') {
    return new ApiError(400, ErrorCode.tooManyPhotos, `At most ${REPORT_LIMITS.maxPhotos} photos may be attached.`);
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') return photosTooLarge();
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new ApiError(400, ErrorCode.invalidRequest, (error as Error).message);
  }
  return error;
}
