import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCooldownStore } from '../health/redis-cooldown-store';
import { RouteExecutor } from './route-executor';
import {
  deployment,
  FakeClock,
  group,
  RecordingListener,
  ROUTING,
  ScriptedUpstream,
  waitFor,
} from './route-executor.test-kit';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const COOLDOWN_MS = ROUTING.cooldownSeconds * 1000;
const MODELS = [group('gpt', [deployment('a'), deployment('b', { priority: 1 })])];

/** A fail-fast client like the gateway's hot-path connection: no offline queue, short timeout. */
async function hotPathClient(): Promise<Redis> {
  const client = new Redis(REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
  });
  await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

describe('RouteExecutor replicas sharing the Redis cooldown store', () => {
  const clients: Redis[] = [];
  const replicas: RouteExecutor[] = [];
  let keyPrefix: string;
  let clock: FakeClock;
  let upstream: ScriptedUpstream;

  async function replica(): Promise<RouteExecutor> {
    const client = await hotPathClient();
    clients.push(client);
    const executor = new RouteExecutor({
      models: MODELS,
      routing: ROUTING,
      store: new RedisCooldownStore(client, { keyPrefix }),
      now: clock.now,
    });
    await executor.start();
    replicas.push(executor);
    return executor;
  }

  beforeEach(() => {
    keyPrefix = `verosek:test:routing:${randomUUID()}:`;
    clock = new FakeClock();
    upstream = new ScriptedUpstream();
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.stop()));
    const keys = await clients[0].keys(`${keyPrefix}*`);
    if (keys.length > 0) await clients[0].del(...keys);
    await Promise.all(clients.splice(0).map((c) => c.quit()));
  });

  it("a cooldown decided by one replica stops the other's traffic too", async () => {
    const [one, two] = [await replica(), await replica()];
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await one.execute('gpt', upstream.attempt);
    expect(one.deploymentStatus('a').phase).toBe('cooled');

    await waitFor(() => two.deploymentStatus('a').phase === 'cooled');
    upstream.reset();
    for (let i = 0; i < 20; i++) await two.execute('gpt', upstream.attempt);
    expect(upstream.calls).toEqual(Array(20).fill('b'));
  });

  it('counts consecutive failures across replicas', async () => {
    const [one, two] = [await replica(), await replica()];
    const listener = new RecordingListener();
    two.addListener(listener);
    upstream.failWith('a', 500);
    await one.execute('gpt', upstream.attempt);
    await one.execute('gpt', upstream.attempt);
    await waitFor(() => two.deploymentStatus('a').consecutiveFails === 2);
    await two.execute('gpt', upstream.attempt);
    expect(listener.ofType('cooled')).toEqual([
      expect.objectContaining({ deploymentId: 'a', consecutiveFails: 3 }),
    ]);
  });

  it('lets one probe through across replicas; its success restores the deployment for both', async () => {
    const [one, two] = [await replica(), await replica()];
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await one.execute('gpt', upstream.attempt);
    await waitFor(() => two.deploymentStatus('a').phase === 'cooled');
    clock.advance(COOLDOWN_MS);
    upstream.reset();

    const probe = upstream.hang('a');
    const finished: string[] = [];
    const calls = [one, two, one, two, one, two, one, two, one, two].map((r) =>
      r.execute('gpt', upstream.attempt).then((routed) => finished.push(routed.deployment.id)),
    );
    await waitFor(() => finished.length === 9);
    expect(upstream.count('a')).toBe(1);
    expect(finished).toEqual(Array(9).fill('b'));

    probe.release();
    await Promise.all(calls);
    upstream.succeed('a');
    await waitFor(
      () => one.deploymentStatus('a').phase === 'healthy' && two.deploymentStatus('a').phase === 'healthy',
    );
    upstream.reset();
    await one.execute('gpt', upstream.attempt);
    await two.execute('gpt', upstream.attempt);
    expect(upstream.calls).toEqual(['a', 'a']);
  });

  it('a replica started later loads the cooldowns already in Redis', async () => {
    const one = await replica();
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await one.execute('gpt', upstream.attempt);

    const late = await replica();
    expect(late.deploymentStatus('a')).toEqual(one.deploymentStatus('a'));
    expect(late.deploymentStatus('a').phase).toBe('cooled');
  });
});
