import { createServer, type Server } from 'node:net';
import { DATABASE_URL, REDIS_URL, startGateway, type RunningGateway } from '../harness/gateway-harness';

/** A port where nothing answers: a server is bound and closed, so the port was free a moment ago. */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('api-gateway health in cluster mode (real Redis and Postgres)', () => {
  let gateway: RunningGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('is live and ready when Redis and Postgres answer', async () => {
    gateway = await startGateway({ yaml: '', env: { REDIS_URL, DATABASE_URL } });
    const live = await fetch(`${gateway.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${gateway.url}/health/ready`);
    const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info.redis.status).toBe('up');
    expect(body.info.database.status).toBe('up');
  });

  it('turns readiness red with the reason when Redis does not answer, and stays live', async () => {
    const port = await deadPort();
    gateway = await startGateway({ yaml: '', env: { REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL } });
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${gateway.url}/health/ready`);
    const body = (await ready.json()) as {
      status: string;
      error: Record<string, { status: string; message: string }>;
    };
    expect(ready.status).toBe(503);
    expect(body.error.redis.status).toBe('down');
    expect(body.error.redis.message).toMatch(new RegExp(`ECONNREFUSED|${port}|connect`));
    expect(body.error.database).toBeUndefined();
  });
});
