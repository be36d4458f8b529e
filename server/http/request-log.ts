import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's request log lines, one per request instead of its pair ("incoming request" with
 * the request, "request completed" with the status): written when the answer has gone out,
 * with `reqId` (also sent back in X-Request-Id, see plugins/request-log.ts), `req` and `res`
 * through the logger's serializers (whatever they redact stays redacted), `route` (the
 * pattern, to group by; null for an unknown path) and `responseTime` in ms. The moment a
 * request was read is still logged, at debug level, to find requests that never finished.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug('request received');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, route: request.routeOptions.url ?? null, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
