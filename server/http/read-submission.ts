import type { FastifyRequest } from 'fastify';
import { REPORT_LIMITS } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import { cleanPhoto, PhotoRefusedError, type CleanPhoto } from '../photos/clean-photo.js';
import { readPhoto } from '../photos/read-photo.js';
import { ProductError } from '../../common/product-error.js';
import { ApiError } from './api-error.js';

/** The raw parts of a report submission: the report object (unvalidated) and its photos. */
export interface Submission {
  body: unknown;
  photos: CleanPhoto[];
}

/**
 * Reads a report submission: a JSON body, or multipart/form-data with the same JSON in a
 * `report` field and up to 3 `photo` files. Photos are identified by content and re-encoded
 * here, so nothing unchecked reaches the database. Any refusal while the body is still
 * arriving leaves the rest unread; the uploads plugin discards it after the answer, so the
 * connection stays usable.
 */
export async function readSubmission(request: FastifyRequest): Promise<Submission> {
  if (!request.isMultipart()) return { body: request.body, photos: [] };
  const { report, files } = await readParts(request);
  if (report === undefined) throw new ApiError(400, ErrorCode.invalidRequest, 'The multipart request needs a "report" field with the report as JSON.');
  let body = report;
  if (typeof report === 'string') {
    try {
      body = JSON.parse(report);
    } catch {
      throw new ApiError(400, ErrorCode.invalidRequest, 'The "report" field is not valid JSON.');
    }
  }
  // One after another: photo-slots.ts shares the decoders fairly between requests.
  const photos: CleanPhoto[] = [];
  for (const [index, bytes] of files.entries()) photos.push(await toCleanPhoto(bytes, index));
  return { body, photos };
}

interface Parts {
  /** The `report` field: text, or already parsed when the part declared application/json. */
  report: unknown;
  files: Buffer[];
}

async function readParts(request: FastifyRequest): Promise<Parts> {
  let report: unknown;
  const files: Buffer[] = [];
  let total = 0;
  // The whole body's size bounds each photo's (none when the body comes chunked).
  const bodyLength = Number(request.headers['content-length'] ?? Infinity) || Infinity;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new ApiError(413, ErrorCode.invalidMultipart, `The "${part.fieldname}" field is larger than 16 KiB.`);
        if (part.fieldname === 'report') report = part.value;
        continue;
      }
      if (part.fieldname !== 'photo') throw new ApiError(400, ErrorCode.invalidMultipart, `Unexpected file field "${part.fieldname}"; photos go in "photo".`);
      // A chunk per turn of the event loop, copied in as it comes: see read-photo.ts.
      const bytes = await readPhoto(part.file, REPORT_LIMITS.photosMaxBytes - total, bodyLength, photosTooLarge);
      total += bytes.length;
      // busboy cuts a file at the per-file limit; the truncated flag says it happened.
      if (part.file.truncated) throw photosTooLarge();
      // An empty file input of a form sends a part without bytes: no photo.
      if (bytes.length > 0) files.push(bytes);
    }
  } catch (error) {
    throw toApiError(error);
  }
  return { report, files };
}

async function toCleanPhoto(bytes: Buffer, index: number): Promise<CleanPhoto> {
  try {
    return await cleanPhoto(bytes);
  } catch (error) {
    if (!(error instanceof PhotoRefusedError)) throw error;
    const message = `Photo ${index + 1} ${error.message}.`;
    if (error.reason === 'type') throw new ApiError(415, ErrorCode.photoTypeNotAllowed, message);
    throw new ApiError(422, ErrorCode.photoUnreadable, message);
  }
}

function photosTooLarge(): ApiError {
  return new ApiError(413, ErrorCode.photosTooLarge, `Photos may have at most ${REPORT_LIMITS.photosMaxBytes / 1024 / 1024} MB together.`);
}

/**
 * Maps what reading the parts can throw to stable codes: our own refusals, the plugin's
 * limit errors (413s without our codes), and busboy's parse errors (plain Errors: no
 * boundary, a body cut short inside a part, a malformed part header), which would
 * otherwise be 500s although the client sent the bad bytes.
 */
function toApiError(error: unknown): ProductError {
  if (error instanceof ProductError) return error;
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'FST_FILES_LIMIT') {
    return new ApiError(400, ErrorCode.tooManyPhotos, `At most ${REPORT_LIMITS.maxPhotos} photos may be attached.`);
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') return photosTooLarge();
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return new ApiError(400, ErrorCode.invalidRequest, 'The "report" field is not valid JSON.');
  return new ApiError(400, ErrorCode.invalidMultipart, `The multipart body cannot be read: ${message ?? 'malformed'}.`);
}
