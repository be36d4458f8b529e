import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';
import { REPORT_LIMITS } from '../../common/catalogue.js';
import { discardUnreadBody } from '../http/discard-body.js';

/**
 * multipart/form-data for reports with photos. The limits make busboy stop reading early:
 * a file past 5 MB is cut off and a 4th file refused while streaming, before the whole
 * upload has arrived; server/http/read-submission.ts turns those into our error codes.
 * Whatever a refused request still sends is read and dropped once it has its answer
 * (discard-body.ts), so its kept-alive connection serves the next request.
 */
export default fp(
  async (app) => {
    await app.register(multipart, {
      limits: {
        files: REPORT_LIMITS.maxPhotos,
        fileSize: REPORT_LIMITS.photosMaxBytes,
        // The `report` JSON: 500 characters of description, even \u-escaped, fit in 16 KiB.
        fieldSize: 16 * 1024,
        fields: 4,
        parts: REPORT_LIMITS.maxPhotos + 4,
      },
    });
    app.addHook('onResponse', (request, _reply, done) => {
      if (request.isMultipart()) discardUnreadBody(request.raw);
      done();
    });
  },
  { name: 'kmzb-uploads', fastify: '5.x' },
);
