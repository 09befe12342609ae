import { AttemptFailure } from './attempt-failure';
import { classifyFailure } from './classify-failure';
import { parseRetryAfterSeconds } from './retry-after';

describe('classifyFailure', () => {
  it.each([429, 500, 502, 503, 504, 529, 408, 401, 403])(
    'HTTP %i: retryable and counted for cooldown',
    (status) => {
      const failure = classifyFailure(status, 'http');
      expect(failure).toBeInstanceOf(AttemptFailure);
      expect(failure).toMatchObject({ status, kind: 'http', retryable: true, countsForCooldown: true });
    },
  );

  it.each([400, 404, 409, 413, 422])(
    'HTTP %i: caused by the request, neither retried nor counted',
    (status) => {
      expect(classifyFailure(status, 'http')).toMatchObject({
        status,
        retryable: false,
        countsForCooldown: false,
      });
    },
  );

  it.each(['connection', 'timeout'] as const)('%s errors: retryable and counted', (kind) => {
    const cause = new Error('ECONNREFUSED');
    const failure = classifyFailure(undefined, kind, undefined, cause);
    expect(failure).toMatchObject({ kind, retryable: true, countsForCooldown: true });
    expect(failure.status).toBeUndefined();
    expect(failure.cause).toBe(cause);
  });

  it('keeps the retry-after of a 429, given as header text or as seconds', () => {
    expect(classifyFailure(429, 'http', '120').retryAfterSeconds).toBe(120);
    expect(classifyFailure(429, 'http', 7).retryAfterSeconds).toBe(7);
    expect(classifyFailure(429, 'http', null).retryAfterSeconds).toBeUndefined();
  });

  it('names the failure in its message', () => {
    expect(classifyFailure(503, 'http').message).toBe('upstream answered HTTP 503');
    expect(classifyFailure(undefined, 'timeout').message).toBe('upstream timed out');
  });
});

describe('parseRetryAfterSeconds', () => {
  const now = Date.UTC(2026, 10, 29, 12, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfterSeconds('30', now)).toBe(30);
    expect(parseRetryAfterSeconds(' 1.5 ', now)).toBe(1.5);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfterSeconds('Sun, 29 Nov 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfterSeconds('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfterSeconds('soon', now)).toBeUndefined();
    expect(parseRetryAfterSeconds(-3, now)).toBeUndefined();
    expect(parseRetryAfterSeconds('', now)).toBeUndefined();
    expect(parseRetryAfterSeconds(undefined, now)).toBeUndefined();
  });
});
