import { scan, StreamRedactor } from '../src';
import { VALUES as V } from './fixtures';

/**
 * Quantifiers in `source` that have no upper bound (*, +, {n,}), outside character classes.
 * With only bounded quantifiers a pattern does bounded work per start position, so a global
 * scan is linear in the text length whatever the backtracking engine does.
 */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') found.push(`${c} at ${i}`);
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} at ${i}`);
  }
  return found;
}

/** Every regular expression the detectors execute while scanning `texts`, whole and as a stream. */
function patternsUsedBy(texts: string[]): Set<RegExp> {
  const used = new Set<RegExp>();
  const exec = RegExp.prototype.exec;
  const spy = jest.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, s: string) {
    used.add(this);
    return exec.call(this, s);
  });
  try {
    for (const text of texts) {
      scan(text);
      const redactor = new StreamRedactor();
      for (let at = 0; at < text.length; at += 7) redactor.push(text.slice(at, at + 7));
      redactor.flush();
    }
  } finally {
    spy.mockRestore();
  }
  return used;
}

const KB100 = 100 * 1024;
const repeat = (unit: string) => unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);

describe('linear-time scanning', () => {
  it('uses only patterns with bounded quantifiers', () => {
    // A text that wakes every detector up, so that every pattern runs.
    const rich = [
      'mail a.b@example.com, call +1 (415) 555-0132 or 030 12345678, card 4111 1111 1111 1111,',
      'ssn 123-45-6789, iban DE89 3704 0044 0532 0130 00, ip 10.0.0.1 and fe80::1ff:fe23:4567:890a,',
      'born on March 3, 1985, my name is Anna Schmidt, 42 Elm Street, Springfield, IL 62704, Hauptstraße 5,',
      '12 rue de la Paix, 75002 Paris, password: hunter22, Authorization: Bearer a8F3kL9mQ2xZ7vB4nR6tY1wE5uI0oP3s',
      `aws_secret_access_key=${V.awsSecret} ${V.githubToken} ${V.jwt} postgres://u:p4ss@h/db`,
      V.privateKey,
    ].join('\n');
    const patterns = patternsUsedBy([rich]);
    expect(patterns.size).toBeGreaterThan(20);
    const offenders = [...patterns]
      .map((p) => ({ pattern: p.source, unbounded: unboundedQuantifiers(p.source) }))
      .filter((p) => p.unbounded.length > 0);
    expect(offenders).toEqual([]);
  });

  it('the quantifier check itself flags unbounded patterns', () => {
    expect(unboundedQuantifiers('(a+)+b')).toHaveLength(2);
    expect(unboundedQuantifiers('a{2,}')).toHaveLength(1);
    expect(unboundedQuantifiers('[+*]\\+a{1,3}')).toEqual([]);
  });

  // Hang guard only: each case must finish within the generous jest timeout, no timing assert.
  it.each([
    ['a@a.a repeated', repeat('a@a.a')],
    ['a@a.a without separators glued to words', repeat('a@a.aa')],
    ['a long digit run', repeat('1234567890')],
    ['digits and separators', repeat('12 34-56.78 ')],
    ["'aaaa...!'", repeat('a').slice(1) + '!'],
    ['capitalised words', repeat('John Smith Anna Maria ')],
    ['titles', repeat('Mr. Dr. ')],
    ['hex and colons', repeat('a:b:')],
    ['IBAN-like starts', repeat('DE89 ')],
    ['token prefixes', repeat('ghp_sk-proj-xoxb-AKIA')],
    ['assignments', repeat('password=token=')],
    ['quoted assignments without closing quote', repeat('secret: "abc')],
    ['PEM headers without END', repeat('-----BEGIN RSA PRIVATE KEY-----\n')],
    ['JWT-like headers', repeat('eyJhbGciOiJIUzI1NiJ9.')],
    ['URL userinfo', repeat('a://b:c')],
    ['date-of-birth cues', repeat('born on ')],
    ['street-like text', repeat('12 Main Main Main ')],
  ])(
    'scans 100 KB of %s',
    (_, text) => {
      expect(Array.isArray(scan(text))).toBe(true);
      // Streamed too: every push rescans the held-back tail and asks each detector where it begins.
      const redactor = new StreamRedactor();
      let out = '';
      for (let at = 0; at < text.length; at += 64) out += redactor.push(text.slice(at, at + 64));
      expect(typeof (out + redactor.flush())).toBe('string');
    },
    20_000,
  );
});
