import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from '../pipeline/call-context';
import { callerKeyOf } from '../surface/caller-credentials';
import { surfaceOf } from '../surface/surface';

const FORWARDED_HEADERS = ['anthropic-beta'];

/** Builds the pipeline's view of an HTTP request; aborts its signal when the client goes away. */
export function callContextOf(req: FastifyRequest, reply: FastifyReply): CallContext {
  const abort = new AbortController();
  reply.raw.once('close', () => abort.abort());
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
    signal: abort.signal,
  };
}
