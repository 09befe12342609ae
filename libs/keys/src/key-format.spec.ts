import {
  formatKey,
  isKeyId,
  KEY_ID_LENGTH,
  KEY_SECRET_LENGTH,
  newKeyId,
  newSecret,
  parseKey,
  randomBase62,
} from './key-format';

describe('key format', () => {
  it('formats vsk_<id>_<secret> and parses it back', () => {
    const id = newKeyId();
    const secret = newSecret();
    const key = formatKey(id, secret);
    expect(key).toMatch(/^vsk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    expect(parseKey(key)).toEqual({ keyId: id, secret });
    expect(isKeyId(id)).toBe(true);
  });

  it('makes ids and secrets of the documented lengths, all different', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newKeyId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toHaveLength(KEY_ID_LENGTH);
    expect(newSecret()).toHaveLength(KEY_SECRET_LENGTH);
  });

  it('draws every base62 character', () => {
    const seen = new Set(randomBase62(20_000));
    expect(seen.size).toBe(62);
  });

  it.each([
    ['empty', ''],
    ['another prefix', 'sk-abcdefghijkl_' + 'a'.repeat(43)],
    ['id too short', `vsk_abc_${'a'.repeat(43)}`],
    ['secret too short', `vsk_${'a'.repeat(12)}_${'a'.repeat(42)}`],
    ['secret too long', `vsk_${'a'.repeat(12)}_${'a'.repeat(44)}`],
    ['non-base62 character', `vsk_${'a'.repeat(11)}-_${'a'.repeat(43)}`],
    ['trailing newline', `vsk_${'a'.repeat(12)}_${'a'.repeat(43)}\n`],
  ])('refuses %s', (_, raw) => {
    expect(parseKey(raw)).toBeUndefined();
  });

  it('tells key ids from other text', () => {
    expect(isKeyId('abc')).toBe(false);
    expect(isKeyId('master')).toBe(false);
    expect(isKeyId('ABCDEFabcdef')).toBe(true);
  });
});
