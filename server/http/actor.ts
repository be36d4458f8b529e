import type { FastifyRequest } from 'fastify';
import { DEVICE_HEADER, DEVICE_TOKEN_PATTERN } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import type { Actor } from '../reports/report-desk.js';
import { ApiError } from './api-error.js';

const DEVICE_TOKEN = new RegExp(DEVICE_TOKEN_PATTERN);

/**
 * Who performs a civic action: the device token from the KMZB-Device header (400
 * DEVICE_TOKEN_REQUIRED when missing or malformed) and the client IP (`request.ip`, which
 * honours the trustProxy setting behind a reverse proxy).
 */
export function actorOf(request: FastifyRequest): Actor {
  const token = request.headers[DEVICE_HEADER.toLowerCase()];
  if (typeof token !== 'string' || !DEVICE_TOKEN.test(token)) {
    throw new ApiError(400, ErrorCode.deviceTokenRequired, `The ${DEVICE_HEADER} header must hold a device token of 16-128 characters [A-Za-z0-9_-].`);
  }
  return { deviceToken: token, ip: request.ip };
}
