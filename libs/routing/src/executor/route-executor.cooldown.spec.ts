import { GatewayError } from '@verosek/protocol/gateway-error';
import type { CooldownStore } from '../health/cooldown-store';
import { InProcessCooldownStore } from '../health/in-process-cooldown-store';
import { RouteExecutor, type RouteExecutorOptions } from './route-executor';
import {
  deployment,
  FakeClock,
  group,
  RecordingListener,
  ROUTING,
  ScriptedUpstream,
  settleUntil,
} from './route-executor.test-kit';

const COOLDOWN_MS = ROUTING.cooldownSeconds * 1000;

/** Primary `a` (tier 0) and backup `b` (tier 1) unless other models are given. */
function setup(options: Partial<RouteExecutorOptions> = {}) {
  const clock = new FakeClock();
  const store = options.store ?? new InProcessCooldownStore();
  const executor = new RouteExecutor({
    models: [group('gpt', [deployment('a'), deployment('b', { priority: 1 })])],
    routing: ROUTING,
    store,
    now: clock.now,
    ...options,
  });
  const listener = new RecordingListener();
  executor.addListener(listener);
  const upstream = new ScriptedUpstream();
  const call = () => executor.execute('gpt', upstream.attempt);
  return { clock, store, executor, listener, upstream, call };
}

/** Counts every store call: the hot path must not make any. */
function countingStore(): { store: CooldownStore; calls: string[] } {
  const inner = new InProcessCooldownStore();
  const calls: string[] = [];
  const store: CooldownStore = {
    read: (ids) => (calls.push('read'), inner.read(ids)),
    recordFailure: (...args) => (calls.push('recordFailure'), inner.recordFailure(...args)),
    recordSuccess: (...args) => (calls.push('recordSuccess'), inner.recordSuccess(...args)),
    claimProbe: (...args) => (calls.push('claimProbe'), inner.claimProbe(...args)),
    releaseProbe: (...args) => (calls.push('releaseProbe'), inner.releaseProbe(...args)),
    watch: (watcher) => inner.watch(watcher),
  };
  return { store, calls };
}

describe('RouteExecutor: cooldown', () => {
  it('cools a deployment after exactly allowedFails consecutive failures, then sends it nothing', async () => {
    const { call, upstream, listener, executor, clock } = setup();
    upstream.failWith('a', 503);

    for (let i = 1; i < ROUTING.allowedFails; i++) {
      expect((await call()).deployment.id).toBe('b');
      expect(listener.ofType('cooled')).toHaveLength(0);
      expect(executor.deploymentStatus('a')).toMatchObject({ phase: 'healthy', consecutiveFails: i });
    }
    await call();
    expect(listener.ofType('cooled')).toEqual([
      {
        type: 'cooled',
        deploymentId: 'a',
        reason: 'consecutive-failures',
        consecutiveFails: ROUTING.allowedFails,
        cooledUntil: clock.time + COOLDOWN_MS,
        retryAfterSeconds: undefined,
      },
    ]);

    upstream.reset();
    for (let i = 0; i < 50; i++) {
      clock.advance(COOLDOWN_MS / 100);
      const routed = await call();
      expect(routed.attempts).toHaveLength(1);
    }
    expect(upstream.count('a')).toBe(0);
    expect(upstream.count('b')).toBe(50);
  });

  it('needs the failures in a row: a success resets the count', async () => {
    const { call, upstream, executor } = setup();
    for (let round = 0; round < 3; round++) {
      upstream.failWith('a', 500);
      for (let i = 1; i < ROUTING.allowedFails; i++) await call();
      upstream.succeed('a');
      expect((await call()).deployment.id).toBe('a');
    }
    expect(executor.deploymentStatus('a')).toMatchObject({ phase: 'healthy', consecutiveFails: 0 });
  });

  it.each([
    ['401', 401],
    ['403', 403],
    ['529', 529],
  ])('counts an upstream %s towards cooldown', async (_, status) => {
    const { call, upstream, executor } = setup();
    upstream.failWith('a', status);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    expect(executor.deploymentStatus('a').phase).toBe('cooled');
  });

  it('drains to the next tier while cooled and comes back after a successful probe', async () => {
    const { call, upstream, listener, clock, executor } = setup();
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    expect((await call()).attempts.map((a) => a.deploymentId)).toEqual(['b']);

    upstream.succeed('a');
    clock.advance(COOLDOWN_MS);
    expect(executor.deploymentStatus('a').phase).toBe('half-open');
    const probe = await call();
    expect(probe.attempts).toEqual([
      expect.objectContaining({ deploymentId: 'a', outcome: 'success', probe: true }),
    ]);
    expect(listener.ofType('half-open-probe')).toEqual([{ type: 'half-open-probe', deploymentId: 'a' }]);
    expect(listener.ofType('restored')).toEqual([{ type: 'restored', deploymentId: 'a' }]);
    expect(listener.ofType('deployment-selected').at(-1)).toMatchObject({ deploymentId: 'a', probe: true });

    upstream.reset();
    for (let i = 0; i < 10; i++) await call();
    expect(upstream.calls).toEqual(Array(10).fill('a'));
  });

  it('lets exactly one probe through while half-open, even with concurrent calls', async () => {
    const { call, upstream, clock, listener } = setup();
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    clock.advance(COOLDOWN_MS);
    upstream.reset();

    const slowProbe = upstream.hang('a');
    const finished: string[] = [];
    const calls = Array.from({ length: 10 }, () => call().then((r) => finished.push(r.deployment.id)));
    await settleUntil(() => finished.length === 9);

    expect(upstream.count('a')).toBe(1);
    expect(finished).toEqual(Array(9).fill('b'));
    expect(listener.ofType('half-open-probe')).toHaveLength(1);

    slowProbe.release();
    await Promise.all(calls);
    expect(finished[9]).toBe('a');
    expect(listener.ofType('restored')).toHaveLength(1);
  });

  it('cools the deployment again when the probe fails, and the probing call moves on', async () => {
    const { call, upstream, clock, listener, executor } = setup();
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    clock.advance(COOLDOWN_MS + 1);

    const probing = await call();
    expect(probing.attempts.map((a) => [a.deploymentId, a.outcome, a.probe])).toEqual([
      ['a', 'failure', true],
      ['b', 'success', false],
    ]);
    expect(listener.ofType('cooled').at(-1)).toMatchObject({
      reason: 'probe-failed',
      cooledUntil: clock.time + COOLDOWN_MS,
    });
    expect(executor.deploymentStatus('a').phase).toBe('cooled');

    upstream.reset();
    clock.advance(COOLDOWN_MS - 1);
    await call();
    expect(upstream.calls).toEqual(['b']);
  });

  it('gives the probe back when it failed because of its own request (400)', async () => {
    const { call, upstream, clock, executor } = setup();
    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    clock.advance(COOLDOWN_MS);

    upstream.failWith('a', 400);
    await expect(call()).rejects.toMatchObject({ reason: 'not-retryable' });
    expect(executor.deploymentStatus('a').phase).toBe('half-open');

    upstream.succeed('a');
    expect((await call()).attempts[0]).toMatchObject({ deploymentId: 'a', probe: true, outcome: 'success' });
  });

  it('respects a 429 retry-after longer than the cooldown', async () => {
    const { call, upstream, clock, listener } = setup();
    upstream.failWith('a', 429, '120');
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    const cooledAt = clock.time;
    expect(listener.ofType('cooled')[0]).toMatchObject({
      cooledUntil: cooledAt + 120_000,
      retryAfterSeconds: 120,
    });

    upstream.succeed('a');
    upstream.reset();
    clock.advance(COOLDOWN_MS + 1);
    await call();
    clock.advance(120_000 - COOLDOWN_MS - 2);
    await call();
    expect(upstream.calls).toEqual(['b', 'b']);

    clock.advance(1);
    expect((await call()).deployment.id).toBe('a');
  });

  it('extends the cooldown when a failure arrives during it', async () => {
    const { call, upstream, clock, listener, executor } = setup();
    const slow = upstream.hang('a');
    const inFlight = call(); // picks `a` and waits
    await settleUntil(() => upstream.count('a') === 1);

    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    const firstEnd = executor.deploymentStatus('a').cooledUntil;

    clock.advance(10_000);
    slow.fail(503); // the call started before the cooldown reports late
    await inFlight;
    expect(listener.ofType('cooldown-extended')).toEqual([
      {
        type: 'cooldown-extended',
        deploymentId: 'a',
        cooledUntil: firstEnd + 10_000,
        retryAfterSeconds: undefined,
      },
    ]);
    expect(executor.deploymentStatus('a').cooledUntil).toBe(firstEnd + 10_000);
  });

  it('answers 503 no_healthy_deployment with the earliest cooldown end when everything is cooled', async () => {
    const { call, upstream, clock } = setup({
      models: [
        group('gpt', [deployment('a'), deployment('b', { priority: 1 })], { fallbacks: ['claude'] }),
        group('claude', [deployment('c')]),
      ],
    });
    upstream.failWith('a', 503);
    upstream.failWith('b', 429, '300');
    upstream.failWith('c', 429, '200');
    for (let i = 0; i < ROUTING.allowedFails; i++) await call().catch(() => undefined);
    upstream.reset();

    clock.advance(12_500);
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).info).toMatchObject({
      kind: 'unavailable',
      status: 503,
      code: 'no_healthy_deployment',
      retryAfterSeconds: Math.ceil((COOLDOWN_MS - 12_500) / 1000),
    });
    expect(upstream.calls).toEqual([]);
  });

  it('skips a cooled group and goes straight to its fallback', async () => {
    const { call, upstream } = setup({
      models: [
        group('gpt', [deployment('a')], { fallbacks: ['claude'] }),
        group('claude', [deployment('c')]),
      ],
    });
    upstream.failWith('a', 500);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    upstream.reset();
    const routed = await call();
    expect(upstream.calls).toEqual(['c']);
    expect(routed.modelGroup).toBe('claude');
  });

  it('does no store I/O for healthy calls, also while one of three deployments is cooled', async () => {
    const { store, calls } = countingStore();
    const { call, upstream, executor } = setup({
      store,
      models: [group('gpt', [deployment('a'), deployment('b'), deployment('c')])],
      random: () => 0,
    });
    await executor.start();
    expect(calls).toEqual(['read']);

    for (let i = 0; i < 20; i++) await call();
    expect(calls).toEqual(['read']);

    upstream.failWith('a', 503);
    for (let i = 0; i < ROUTING.allowedFails; i++) await call();
    expect(executor.deploymentStatus('a').phase).toBe('cooled');
    calls.length = 0;
    for (let i = 0; i < 20; i++) expect((await call()).attempts).toHaveLength(1);
    expect(calls).toEqual([]);
    await executor.stop();
  });
});
