import { InProcessCooldownStore } from '../health/in-process-cooldown-store';
import type { CooldownStore } from '../health/cooldown-store';
import { RouteExecutor, type RouteExecutorOptions } from './route-executor';
import { RouteFailedError, type AttemptFn } from './route-result';
import { deployment, group, RecordingListener, ROUTING, ScriptedUpstream } from './route-executor.test-kit';

function executorFor(models: RouteExecutorOptions['models'], extra: Partial<RouteExecutorOptions> = {}) {
  const store = new InProcessCooldownStore();
  const executor = new RouteExecutor({ models, routing: ROUTING, store, ...extra });
  const listener = new RecordingListener();
  executor.addListener(listener);
  return { executor, listener, store };
}

async function failureOf(call: Promise<unknown>): Promise<RouteFailedError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RouteFailedError);
  return error as RouteFailedError;
}

describe('RouteExecutor: retry and fallback', () => {
  it('moves to another deployment of the same tier first, then to the next tier', async () => {
    const { executor, listener } = executorFor([
      group('gpt', [
        deployment('a'),
        deployment('b'),
        deployment('c', { priority: 1, provider: 'anthropic' }),
      ]),
    ]);
    const upstream = new ScriptedUpstream();
    upstream.failWith('a', 503);
    upstream.failWith('b', 429);

    const routed = await executor.execute('gpt', upstream.attempt);

    expect(routed.result).toBe('answer from c');
    expect(routed.deployment.id).toBe('c');
    expect(
      routed.attempts
        .map((a) => a.deploymentId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(routed.attempts[2]).toEqual({
      attempt: 3,
      modelGroup: 'gpt',
      deploymentId: 'c',
      provider: 'anthropic',
      outcome: 'success',
      status: undefined,
      failureKind: undefined,
      durationMs: expect.any(Number),
      probe: false,
    });
    expect(routed.attempts.slice(0, 2).map((a) => [a.outcome, a.status, a.failureKind])).toEqual(
      expect.arrayContaining([
        ['failure', 503, 'http'],
        ['failure', 429, 'http'],
      ]),
    );
    expect(listener.ofType('retry').map((e) => e.failedAttempt)).toEqual([1, 2]);
    expect(listener.ofType('deployment-selected').map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it('makes at most retries + 1 attempts, then throws the last failure with every attempt', async () => {
    const { executor } = executorFor([
      group(
        'gpt',
        ['a', 'b', 'c', 'd', 'e'].map((id) => deployment(id)),
      ),
    ]);
    const upstream = new ScriptedUpstream();
    for (const id of ['a', 'b', 'c', 'd', 'e']) upstream.failWith(id, 500);

    const error = await failureOf(executor.execute('gpt', upstream.attempt));

    expect(ROUTING.retries).toBe(2);
    expect(upstream.calls).toHaveLength(3);
    expect(new Set(upstream.calls).size).toBe(3);
    expect(error.reason).toBe('exhausted');
    expect(error.failure.status).toBe(500);
    expect(error.attempts.map((a) => a.deploymentId)).toEqual(upstream.calls);
  });

  it('tries each deployment at most once per call', async () => {
    const { executor } = executorFor([group('gpt', [deployment('only')])]);
    const upstream = new ScriptedUpstream();
    upstream.failWith('only', 502);
    const error = await failureOf(executor.execute('gpt', upstream.attempt));
    expect(error.attempts).toHaveLength(1);
  });

  it('does not retry a 400, and does not count it towards cooldown', async () => {
    const { executor, store } = executorFor([group('gpt', [deployment('a'), deployment('b')])], {
      random: () => 0,
    });
    const upstream = new ScriptedUpstream();
    upstream.failWith('a', 400);

    for (let i = 0; i < ROUTING.allowedFails + 2; i++) {
      const error = await failureOf(executor.execute('gpt', upstream.attempt));
      expect(error.reason).toBe('not-retryable');
      expect(error.failure.status).toBe(400);
      expect(error.attempts).toHaveLength(1);
    }
    expect(upstream.count('b')).toBe(0);
    expect((await store.read(['a'])).get('a')).toMatchObject({ consecutiveFails: 0, cooledUntil: 0 });
    expect(executor.deploymentStatus('a').phase).toBe('healthy');
  });

  it.each([404, 413, 422])('returns a %i at once, without retrying', async (status) => {
    const { executor } = executorFor([group('gpt', [deployment('a'), deployment('b')])], { random: () => 0 });
    const upstream = new ScriptedUpstream();
    upstream.failWith('a', status);
    const error = await failureOf(executor.execute('gpt', upstream.attempt));
    expect(error.reason).toBe('not-retryable');
    expect(upstream.calls).toEqual(['a']);
  });

  it("falls back to another model group's deployments after the group's own", async () => {
    const { executor, listener } = executorFor([
      group('gpt', [deployment('a'), deployment('a2', { priority: 1 })], { fallbacks: ['claude'] }),
      group('claude', [deployment('c', { provider: 'anthropic' })]),
    ]);
    const upstream = new ScriptedUpstream();
    upstream.failWith('a', 503);
    upstream.failWith('a2', 503);

    const routed = await executor.execute('gpt', upstream.attempt);

    expect(upstream.calls).toEqual(['a', 'a2', 'c']);
    expect(routed.modelGroup).toBe('claude');
    expect(routed.deployment.id).toBe('c');
    expect(routed.attempts.map((a) => a.modelGroup)).toEqual(['gpt', 'gpt', 'claude']);
    expect(listener.ofType('fallback')).toEqual([
      { type: 'fallback', fromModelGroup: 'gpt', toModelGroup: 'claude' },
    ]);
  });

  it('gives each fallback group its own allowance of retries + 1 attempts', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    const { executor } = executorFor([
      group(
        'gpt',
        ids.map((id) => deployment(id)),
        { fallbacks: ['claude'] },
      ),
      group('claude', [deployment('c1'), deployment('c2')]),
    ]);
    const upstream = new ScriptedUpstream();
    for (const id of [...ids, 'c1']) upstream.failWith(id, 503);
    upstream.failWith('c2', 503);

    const error = await failureOf(executor.execute('gpt', upstream.attempt));
    expect(error.attempts.map((a) => a.modelGroup)).toEqual(['gpt', 'gpt', 'gpt', 'claude', 'claude']);
    expect(error.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('passes an error that is not an AttemptFailure through unchanged, without retrying', async () => {
    const { executor } = executorFor([group('gpt', [deployment('a'), deployment('b')])]);
    const bug = new TypeError('encoder exploded');
    const calls: string[] = [];
    await expect(
      executor.execute('gpt', async (d) => {
        calls.push(d.id);
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(calls).toHaveLength(1);
  });

  it('handles an attempt function that throws synchronously like one that rejects', async () => {
    const { executor } = executorFor(
      [group('gpt', [deployment('a'), deployment('b')], { strategy: 'least-busy' })],
      {
        random: () => 0,
      },
    );
    const bug = new TypeError('thrown before any promise');
    const throwing = (() => {
      throw bug;
    }) as unknown as AttemptFn<string>;
    await expect(executor.execute('gpt', throwing)).rejects.toBe(bug);
    // Nothing is left counted in flight on `a`: least-busy still ties and takes it first.
    expect((await executor.execute('gpt', new ScriptedUpstream().attempt)).deployment.id).toBe('a');
  });

  it('keeps routing when the health store fails, and reports the failure', async () => {
    const store = new InProcessCooldownStore();
    const broken: CooldownStore = Object.assign(Object.create(store) as CooldownStore, {
      recordFailure: () => Promise.reject(new Error('redis down')),
    });
    const executor = new RouteExecutor({
      models: [group('gpt', [deployment('a'), deployment('b')])],
      routing: ROUTING,
      store: broken,
    });
    const listener = new RecordingListener();
    executor.addListener(listener);
    const upstream = new ScriptedUpstream();
    upstream.failWith('a', 503);
    upstream.failWith('b', 503);

    const error = await failureOf(executor.execute('gpt', upstream.attempt));
    expect(error.attempts).toHaveLength(2);
    expect(
      listener.ofType('health-store-error').map((e) => [e.operation, (e.error as Error).message]),
    ).toEqual([
      ['recordFailure', 'redis down'],
      ['recordFailure', 'redis down'],
    ]);
  });

  it('a listener that throws does not fail the call', async () => {
    const { executor } = executorFor([group('gpt', [deployment('a')])]);
    executor.addListener({
      onRoutingEvent: () => {
        throw new Error('metrics broke');
      },
    });
    expect((await executor.execute('gpt', new ScriptedUpstream().attempt)).result).toBe('answer from a');
  });

  it('stops notifying a listener once removed', async () => {
    const { executor } = executorFor([group('gpt', [deployment('a')])]);
    const listener = new RecordingListener();
    const remove = executor.addListener(listener);
    remove();
    await executor.execute('gpt', new ScriptedUpstream().attempt);
    expect(listener.events).toEqual([]);
  });
});
