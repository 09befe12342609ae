import { constantTimeEquals, hashSecret, verifySecret } from './secret-hash';

describe('secret hash', () => {
  it('verifies the secret it was made from and nothing else', () => {
    const stored = hashSecret('s3cret-value');
    expect(verifySecret('s3cret-value', stored)).toBe(true);
    expect(verifySecret('s3cret-valuf', stored)).toBe(false);
    expect(verifySecret('', stored)).toBe(false);
  });

  it('never stores the secret, and salts every hash', () => {
    const a = hashSecret('same-secret');
    const b = hashSecret('same-secret');
    expect(a).not.toContain('same-secret');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sha256:[\w-]+:[\w-]{43}$/);
  });

  it('is deterministic for a given salt', () => {
    const salt = Buffer.alloc(16, 7);
    expect(hashSecret('x', salt)).toBe(hashSecret('x', salt));
  });

  it.each(['', 'sha256', 'md5:abc:def', 'sha256::', 'sha256:c2FsdA:dG9vc2hvcnQ'])(
    'rejects malformed hash %p',
    (stored) => {
      expect(verifySecret('anything', stored)).toBe(false);
    },
  );

  it('compares strings of any length', () => {
    expect(constantTimeEquals('master-key', 'master-key')).toBe(true);
    expect(constantTimeEquals('master-key', 'master-ke')).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
  });

  it('compares against the secret it is given now, not one it saw before (its digest is kept)', () => {
    expect(constantTimeEquals('first', 'first')).toBe(true);
    expect(constantTimeEquals('first', 'second')).toBe(false);
    expect(constantTimeEquals('second', 'second')).toBe(true);
    expect(constantTimeEquals('second', 'first')).toBe(false);
    expect(constantTimeEquals('first', 'first')).toBe(true);
  });
});
