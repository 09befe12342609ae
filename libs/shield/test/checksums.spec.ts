import { base62, base62Crc32Valid, ibanChecksumValid, luhnValid } from '../src/text/checksums';
import { shannonEntropy } from '../src/text/entropy';
import { VALUES as V } from './fixtures';

describe('checksums', () => {
  it('Luhn accepts the networks’ test numbers and rejects a changed digit', () => {
    for (const n of [V.visa, V.visa13, V.mastercard, V.amex, V.discover, V.jcb])
      expect(luhnValid(n)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('IBAN mod 97 accepts registry examples and rejects a changed digit', () => {
    for (const iban of [V.ibanDe, V.ibanGb, V.ibanFr, V.ibanCh]) expect(ibanChecksumValid(iban)).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(ibanChecksumValid('DE89-37040044')).toBe(false);
  });

  it('base62 pads and encodes 32-bit values', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 6)).toBe('00000z');
    expect(base62(62, 6)).toBe('000010');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('validates GitHub / npm CRC32 checksums computed by another implementation', () => {
    expect(base62Crc32Valid(V.githubToken.slice(4, -6), V.githubToken.slice(-6))).toBe(true);
    expect(base62Crc32Valid(V.npmToken.slice(4, -6), V.npmToken.slice(-6))).toBe(true);
    expect(base62Crc32Valid(V.githubToken.slice(4, -6).replace('a', 'b'), V.githubToken.slice(-6))).toBe(
      false,
    );
  });
});

describe('shannonEntropy', () => {
  it('is 0 for a repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy(V.awsSecret)).toBeGreaterThan(4.2);
  });
});
