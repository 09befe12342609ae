import type { CountersPort } from '@verosek/platform';
import { InProcessCounters } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { FakeKeysClient } from '../testing/fake-keys-client';
import { RateLimiter } from './rate-limiter';

async function outcome(promise: Promise<unknown>): Promise<'ok' | GatewayError['info']> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof GatewayError) return err.info;
    throw err;
  }
}

describe('RateLimiter', () => {
  const keys = new FakeKeysClient();

  it('allows exactly rpm_limit requests a minute, then 429 with a retry-after', async () => {
    const limiter = new RateLimiter(new InProcessCounters());
    const { record } = keys.addKey({ rpmLimit: 5 });
    const identity = { keyId: record.id, isMaster: false, record };
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(limiter.check(identity, 10))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    const refused = results.filter((r) => r !== 'ok') as GatewayError['info'][];
    expect(refused).toHaveLength(3);
    for (const info of refused) {
      expect(info).toMatchObject({ kind: 'rate_limit', status: 429, code: 'rate_limit_exceeded' });
      expect(info.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(info.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('counts estimated tokens against tpm_limit', async () => {
    const limiter = new RateLimiter(new InProcessCounters());
    const { record } = keys.addKey({ tpmLimit: 1_000 });
    const identity = { keyId: record.id, isMaster: false, record };
    expect(await outcome(limiter.check(identity, 600))).toBe('ok');
    expect(await outcome(limiter.check(identity, 400))).toBe('ok');
    expect(await outcome(limiter.check(identity, 1))).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('corrects a call from its estimate to the tokens it used, in the same window', async () => {
    const counters = new InProcessCounters();
    const limiter = new RateLimiter(counters);
    const { record } = keys.addKey({ tpmLimit: 1_000 });
    const identity = { keyId: record.id, isMaster: false, record };
    const grant = await limiter.check(identity, 900);
    expect(grant).toEqual({ counter: `verosek:ratelimit:${record.id}:tpm`, grant: expect.any(String) });
    expect(await outcome(limiter.check(identity, 200))).toMatchObject({ code: 'rate_limit_exceeded' });
    const resized = jest.spyOn(counters, 'resizeGrant');
    limiter.correct(grant!, 150.4);
    await resized.mock.results[0].value;
    expect(resized).toHaveBeenCalledWith(grant!.counter, grant!.grant, 151);
    expect(await outcome(limiter.check(identity, 800))).toBe('ok');
    expect(await outcome(limiter.check(identity, 50))).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('takes no tokens-per-minute grant for a key without that limit', async () => {
    const limiter = new RateLimiter(new InProcessCounters());
    const { record } = keys.addKey({ rpmLimit: 5 });
    await expect(limiter.check({ keyId: record.id, isMaster: false, record }, 10)).resolves.toBeUndefined();
  });

  it('refuses a single request larger than the tpm limit', async () => {
    const limiter = new RateLimiter(new InProcessCounters());
    const { record } = keys.addKey({ tpmLimit: 100 });
    const info = await outcome(limiter.check({ keyId: record.id, isMaster: false, record }, 101));
    expect(info).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
  });

  it('does not limit keys without limits nor the master key', async () => {
    const counters = new InProcessCounters();
    const spy = jest.spyOn(counters, 'slidingWindow');
    const limiter = new RateLimiter(counters);
    const { record } = keys.addKey();
    await limiter.check({ keyId: record.id, isMaster: false, record }, 1_000_000);
    await limiter.check({ keyId: 'master', isMaster: true }, 1_000_000);
    expect(spy).not.toHaveBeenCalled();
  });

  it('fails closed with 503 when the counters cannot be reached', async () => {
    const broken = {
      slidingWindow: () => Promise.reject(new Error('redis: connection is closed')),
    } as unknown as CountersPort;
    const { record } = keys.addKey({ rpmLimit: 5 });
    const info = await outcome(
      new RateLimiter(broken).check({ keyId: record.id, isMaster: false, record }, 1),
    );
    expect(info).toMatchObject({ kind: 'unavailable', status: 503, code: 'rate_limit_unavailable' });
  });
});
