import { InProcessCooldownStore } from '../health/in-process-cooldown-store';
import { RouteExecutor } from './route-executor';
import {
  deployment,
  FakeClock,
  group,
  RecordingListener,
  ROUTING,
  ScriptedUpstream,
} from './route-executor.test-kit';

describe('RouteExecutor: choosing a deployment', () => {
  it('spreads calls by weight within the first priority tier (5-sigma band over 2,000 calls)', async () => {
    const weights: Record<string, number> = { a: 1, b: 2, c: 7 };
    const executor = new RouteExecutor({
      models: [
        group('gpt', [
          ...Object.entries(weights).map(([id, weight]) => deployment(id, { weight })),
          deployment('backup', { priority: 1, weight: 100 }),
        ]),
      ],
      routing: ROUTING,
      store: new InProcessCooldownStore(),
    });
    const upstream = new ScriptedUpstream();
    const n = 2_000;
    for (let i = 0; i < n; i++)
      expect((await executor.execute('gpt', upstream.attempt)).attempts).toHaveLength(1);

    expect(upstream.count('backup')).toBe(0);
    for (const [id, weight] of Object.entries(weights)) {
      const p = weight / 10;
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(upstream.count(id) - n * p)).toBeLessThanOrEqual(5 * sigma);
    }
  });

  it('least-busy sends a call to the deployment with fewer calls in flight', async () => {
    const executor = new RouteExecutor({
      models: [group('gpt', [deployment('a', { weight: 99 }), deployment('b')], { strategy: 'least-busy' })],
      routing: ROUTING,
      store: new InProcessCooldownStore(),
      random: () => 0,
    });
    const upstream = new ScriptedUpstream();
    const slowA = upstream.hang('a');
    const first = executor.execute('gpt', upstream.attempt);
    const second = await executor.execute('gpt', upstream.attempt);
    expect(second.deployment.id).toBe('b');
    slowA.release();
    expect((await first).deployment.id).toBe('a');
    upstream.succeed('a');
    expect((await executor.execute('gpt', upstream.attempt)).deployment.id).toBe('a');
  });

  it('lowest-latency prefers the deployment with the lower observed latency', async () => {
    const clock = new FakeClock();
    const executor = new RouteExecutor({
      models: [group('gpt', [deployment('a'), deployment('b')], { strategy: 'lowest-latency' })],
      routing: ROUTING,
      store: new InProcessCooldownStore(),
      now: clock.now,
      random: () => 0,
    });
    const latencyMs: Record<string, number> = { a: 800, b: 100 };
    const timed = async (d: { id: string }) => {
      clock.advance(latencyMs[d.id]);
      return d.id;
    };
    const picks: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { deployment: chosen, attempts } = await executor.execute('gpt', timed);
      picks.push(chosen.id);
      expect(attempts[0].durationMs).toBe(latencyMs[chosen.id]);
    }
    // Both get measured once (unmeasured first), then the faster one takes the traffic.
    expect(picks).toEqual(['a', 'b', 'b', 'b', 'b']);
  });

  it('reports each routing decision to listeners', async () => {
    const executor = new RouteExecutor({
      models: [group('gpt', [deployment('a', { provider: 'anthropic', priority: 2 })])],
      routing: ROUTING,
      store: new InProcessCooldownStore(),
    });
    const listener = new RecordingListener();
    executor.addListener(listener);
    await executor.execute('gpt', new ScriptedUpstream().attempt);
    expect(listener.events).toEqual([
      {
        type: 'deployment-selected',
        modelGroup: 'gpt',
        deploymentId: 'a',
        provider: 'anthropic',
        priority: 2,
        strategy: 'weighted',
        attempt: 1,
        probe: false,
      },
    ]);
  });

  it('rejects an unknown model group with a not_found error naming the model', async () => {
    const executor = new RouteExecutor({ models: [], routing: ROUTING, store: new InProcessCooldownStore() });
    await expect(executor.execute('nope', new ScriptedUpstream().attempt)).rejects.toMatchObject({
      info: { kind: 'not_found', status: 404, code: 'model_not_found', param: 'model' },
    });
  });

  it('refuses a model group without deployments at construction', () => {
    expect(
      () =>
        new RouteExecutor({
          models: [group('empty', [])],
          routing: ROUTING,
          store: new InProcessCooldownStore(),
        }),
    ).toThrow('model group "empty": deployments must not be empty');
  });
});
