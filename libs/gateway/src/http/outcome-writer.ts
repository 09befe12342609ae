import type { FastifyReply } from 'fastify';
import type { GatewayOutcome } from '../pipeline/gateway-outcome';

/**
 * Writes a pipeline outcome to the client. Streams are written chunk by chunk as they are produced,
 * honouring back-pressure; if the client goes away the stream is closed, which settles and audits
 * what was produced.
 */
export async function writeOutcome(
  reply: FastifyReply,
  outcome: GatewayOutcome,
  contentType: string,
): Promise<void> {
  if (outcome.kind === 'json') {
    reply.status(outcome.status).headers(outcome.headers).send(outcome.body);
    return;
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(outcome.status, {
    ...(reply.getHeaders() as Record<string, string>),
    ...outcome.headers,
    'content-type': contentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  let clientGone = false;
  const onClose = () => {
    clientGone = true;
    void outcome.chunks.return(undefined);
  };
  res.once('close', onClose);
  try {
    for await (const chunk of outcome.chunks) {
      if (clientGone) break;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } finally {
    res.off('close', onClose);
    if (!clientGone) res.end();
  }
}
