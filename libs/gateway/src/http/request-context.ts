import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from '../pipeline/call-context';
import { callerKeyOf } from '../surface/caller-credentials';
import { surfaceOf } from '../surface/surface';

const FORWARDED_HEADERS = ['anthropic-beta'];

/**
 * Builds the pipeline's view of an HTTP request; its signal aborts when the client goes away before
 * the answer is complete. The signal is made on first use: most calls never read it, and an abort
 * per answered request would build an AbortError each time.
 */
export function callContextOf(req: FastifyRequest, reply: FastifyReply): CallContext {
  let abort: AbortController | undefined;
  let clientGone = false;
  reply.raw.once('close', () => {
    if (reply.raw.writableFinished) return;
    clientGone = true;
    abort?.abort();
  });
  const forwardHeaders: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') forwardHeaders[name] = value;
  }
  return {
    requestId: req.id,
    surface: surfaceOf(req.url, req.headers),
    rawKey: callerKeyOf(req.headers, req.query as Record<string, unknown>),
    clientIp: req.ip,
    userAgent: req.headers['user-agent'],
    forwardHeaders,
    startedAt: (req as FastifyRequest & { startedAt?: number }).startedAt ?? performance.now(),
    get signal() {
      if (!abort) {
        abort = new AbortController();
        if (clientGone) abort.abort();
      }
      return abort.signal;
    },
  };
}
