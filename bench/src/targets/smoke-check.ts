import { Pool } from 'undici';
import { sendRequest } from '../load/send-request';
import { requestBody } from '../workload/request-body';
import { sequencedBodies } from '../workload/sequenced-body';

/** One plain and one streamed call through a target before it is measured; throws with the answer if either fails. */
export async function smokeCheck(origin: string, headers: Record<string, string>): Promise<void> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    for (const stream of [false, true]) {
      const exchange = await sendRequest(pool, {
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', ...headers },
        nextBody: sequencedBodies(requestBody(stream)),
        stream,
      });
      if (exchange.error)
        throw new Error(`smoke call (${stream ? 'streamed' : 'plain'}) failed: ${exchange.error}`);
    }
  } finally {
    await pool.close();
  }
}
