import {
  DEFAULT_SHIELD_POLICY,
  ShieldPolicyError,
  actionFor,
  evaluate,
  evaluateObject,
  failModeOf,
  mergePolicy,
  parsePolicyOverride,
  shieldFailure,
  validateShieldPolicy,
  type ShieldPolicy,
} from '../src';
import { VALUES as V } from './fixtures';

describe('validateShieldPolicy', () => {
  it('fills in the defaults', () => {
    expect(validateShieldPolicy(undefined)).toEqual({
      pre: { pii: 'redact', secrets: 'block' },
      post: { pii: 'redact', secrets: 'redact' },
      entities: {},
      fail_mode: 'closed',
    });
  });

  it('accepts the documented shape', () => {
    const policy = validateShieldPolicy({
      pre: { pii: 'redact', secrets: 'block' },
      post: { pii: 'log', secrets: 'redact' },
      entities: { ip_address: 'off', person: { post: 'off' } },
      fail_mode: 'open',
    });
    expect(policy.post.pii).toBe('log');
    expect(policy.entities).toEqual({ ip_address: 'off', person: { post: 'off' } });
    expect(policy.fail_mode).toBe('open');
  });

  it.each([
    [{ pre: { pii: 'deny' } }, 'shield.pre.pii', "must be one of block, redact, log, off (got 'deny')"],
    [{ post: 'redact' }, 'shield.post', "must be an object (got 'redact')"],
    [{ pre: { pii: 'redact', secret: 'block' } }, 'shield.pre.secret', 'unknown field'],
    [{ entities: { ip_adress: 'off' } }, 'shield.entities.ip_adress', 'unknown entity type'],
    [{ entities: { email: { both: 'off' } } }, 'shield.entities.email.both', 'unknown field'],
    [{ entities: { email: 3 } }, 'shield.entities.email', 'must be an object (got number)'],
    [{ fail_mode: 'maybe' }, 'shield.fail_mode', "must be one of closed, open (got 'maybe')"],
    [{ failmode: 'open' }, 'shield.failmode', 'unknown field'],
    [[], 'shield', 'must be an object (got an array)'],
  ])('rejects %j naming %s', (input, field, problem) => {
    let error: unknown;
    try {
      validateShieldPolicy(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShieldPolicyError);
    expect((error as ShieldPolicyError).field).toBe(field);
    expect((error as Error).message).toContain(`${field}: ${problem}`);
  });

  it('names the field under the caller-given path', () => {
    expect(() => parsePolicyOverride({ pre: { pii: 1 } }, 'keys[3].shield')).toThrow(
      'keys[3].shield.pre.pii',
    );
  });
});

describe('mergePolicy', () => {
  const base = validateShieldPolicy({ entities: { ip_address: 'off', person: { pre: 'log' } } });

  it('replaces only the fields the override sets', () => {
    const merged = mergePolicy(base, {
      post: { pii: 'block' },
      entities: { email: 'log', person: { post: 'off' } },
    });
    expect(merged).toEqual({
      pre: { pii: 'redact', secrets: 'block' },
      post: { pii: 'block', secrets: 'redact' },
      entities: { ip_address: 'off', person: { pre: 'log', post: 'off' }, email: 'log' },
      fail_mode: 'closed',
    });
  });

  it('does not modify its arguments, and ignores undefined fields', () => {
    const snapshot = JSON.stringify(base);
    const merged = mergePolicy(base, { pre: { pii: undefined }, fail_mode: undefined });
    expect(merged).toEqual(base);
    expect(JSON.stringify(base)).toBe(snapshot);
    expect(mergePolicy(base, undefined)).toEqual(base);
  });
});

describe('actionFor', () => {
  const policy = validateShieldPolicy({ entities: { ip_address: 'off', email: { post: 'log' } } });
  it('takes the entity override, then the class action of the direction', () => {
    expect(actionFor(policy, 'IP_ADDRESS', 'pre')).toBe('off');
    expect(actionFor(policy, 'EMAIL', 'post')).toBe('log');
    expect(actionFor(policy, 'EMAIL', 'pre')).toBe('redact');
    expect(actionFor(policy, 'GITHUB_TOKEN', 'pre')).toBe('block');
    expect(actionFor(policy, 'GITHUB_TOKEN', 'post')).toBe('redact');
  });
});

describe('evaluate', () => {
  const policy = validateShieldPolicy({ entities: { ip_address: 'off', phone: 'log' } });

  it('allows clean texts unchanged', () => {
    expect(evaluate(['hello', 'world'], policy, 'pre')).toEqual({
      verdict: 'allow',
      texts: ['hello', 'world'],
      findings: [],
      blockedTypes: [],
    });
  });

  it('redacts PII with a typed marker', () => {
    const result = evaluate(['mail a@b.co or c@d.io', `card ${V.visa}`], policy, 'pre');
    expect(result.verdict).toBe('redact');
    expect(result.texts).toEqual([
      'mail [REDACTED:EMAIL] or [REDACTED:EMAIL]',
      'card [REDACTED:CREDIT_CARD]',
    ]);
    expect(result.findings).toEqual([
      { type: 'EMAIL', count: 2, action: 'redact' },
      { type: 'CREDIT_CARD', count: 1, action: 'redact' },
    ]);
    expect(result.blockedTypes).toEqual([]);
  });

  it('blocks secrets before the LLM, naming the type and never the value', () => {
    const result = evaluate([`use ${V.githubToken} and a@b.co`], policy, 'pre');
    expect(result.verdict).toBe('block');
    expect(result.blockedTypes).toEqual(['GITHUB_TOKEN']);
    expect(JSON.stringify(result)).not.toContain(V.githubToken);
  });

  it('redacts secrets after the LLM', () => {
    const result = evaluate([`use ${V.githubToken}`], policy, 'post');
    expect(result).toMatchObject({ verdict: 'redact', texts: ['use [REDACTED:GITHUB_TOKEN]'] });
  });

  it('logs without changing the text, and skips types turned off', () => {
    const result = evaluate(['call 212-555-0143 from 10.0.0.1'], policy, 'pre');
    expect(result).toEqual({
      verdict: 'allow',
      texts: ['call 212-555-0143 from 10.0.0.1'],
      findings: [{ type: 'PHONE', count: 1, action: 'log' }],
      blockedTypes: [],
    });
  });

  it('does nothing when every class is off', () => {
    const off = validateShieldPolicy({ pre: { pii: 'off', secrets: 'off' } });
    expect(evaluate([`a@b.co ${V.githubToken}`], off, 'pre').verdict).toBe('allow');
  });

  it.each([
    ['texts that are not an array', 'hello', DEFAULT_SHIELD_POLICY, 'pre'],
    ['a text that is not a string', ['ok', 42], DEFAULT_SHIELD_POLICY, 'pre'],
    ['a bad direction', ['ok'], DEFAULT_SHIELD_POLICY, 'sideways'],
    ['a missing policy', ['ok'], undefined, 'pre'],
    ['a malformed policy', ['a@b.co'], { pre: null }, 'pre'],
  ])('never throws on %s: fails closed by default', (_, texts, policy, direction) => {
    const result = evaluate(texts as string[], policy as ShieldPolicy, direction as 'pre');
    expect(result.verdict).toBe('block');
    expect(result.error).toEqual(expect.any(String));
  });

  it('fails open when the policy says so', () => {
    const open = { ...validateShieldPolicy({ fail_mode: 'open' }), pre: null } as unknown as ShieldPolicy;
    const result = evaluate(['a@b.co'], open, 'pre');
    expect(result).toMatchObject({ verdict: 'allow', texts: ['a@b.co'] });
    expect(result.error).toEqual(expect.any(String));
  });
});

describe('fail mode helpers', () => {
  it('is closed unless the policy says open', () => {
    expect(failModeOf(undefined)).toBe('closed');
    expect(failModeOf({ fail_mode: 'garbage' })).toBe('closed');
    expect(failModeOf(validateShieldPolicy({ fail_mode: 'open' }))).toBe('open');
  });

  it('builds the verdict for a Shield failure', () => {
    expect(shieldFailure(['x'], DEFAULT_SHIELD_POLICY, 'timeout')).toEqual({
      verdict: 'block',
      texts: ['x'],
      findings: [],
      blockedTypes: [],
      error: 'timeout',
    });
  });
});

describe('evaluateObject', () => {
  it('redacts every string value of a nested object and keeps the rest', () => {
    const input = { to: 'a@b.co', n: 3, list: ['ok', { card: `${V.visa}` }], flag: true, none: null };
    const result = evaluateObject(input, DEFAULT_SHIELD_POLICY, 'post');
    expect(result.verdict).toBe('redact');
    expect(result.value).toEqual({
      to: '[REDACTED:EMAIL]',
      n: 3,
      list: ['ok', { card: '[REDACTED:CREDIT_CARD]' }],
      flag: true,
      none: null,
    });
    expect(input.to).toBe('a@b.co');
  });

  it('fails (closed by default) on a cycle instead of throwing', () => {
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    const result = evaluateObject(cyclic, DEFAULT_SHIELD_POLICY, 'pre');
    expect(result.verdict).toBe('block');
    expect(result.error).toContain('cycle');
  });
});
