import type { CachePort } from '../ports';
import { type PortFactory, sleep, usePort } from './harness';

/** The behaviour every CachePort adapter must have. */
export function describeCachePort(adapter: string, factory: PortFactory<CachePort>): void {
  describe(`CachePort contract: ${adapter}`, () => {
    const { port, name } = usePort(factory);

    it('returns null for a key never set', async () => {
      expect(await port().get(name('missing'))).toBeNull();
    });

    it('returns what was set, and the latest value after an overwrite', async () => {
      const key = name('roundtrip');
      await port().set(key, 'first');
      expect(await port().get(key)).toBe('first');
      await port().set(key, '{"json":"ünïcødé ✓"}');
      expect(await port().get(key)).toBe('{"json":"ünïcødé ✓"}');
    });

    it('deletes a key, and deleting an absent key is not an error', async () => {
      const key = name('del');
      await port().set(key, 'value');
      await port().del(key);
      expect(await port().get(key)).toBeNull();
      await expect(port().del(key)).resolves.toBeUndefined();
    });

    it('forgets a value after its ttl', async () => {
      const key = name('ttl');
      await port().set(key, 'short-lived', 500);
      expect(await port().get(key)).toBe('short-lived');
      await sleep(700);
      expect(await port().get(key)).toBeNull();
    });

    it('a set without ttl removes an earlier ttl', async () => {
      const key = name('persist');
      await port().set(key, 'temporary', 150);
      await port().set(key, 'kept');
      await sleep(300);
      expect(await port().get(key)).toBe('kept');
    });

    it('rejects bad input naming the field', async () => {
      await expect(port().get('')).rejects.toThrow(/cache\.get: key must be a non-empty string/);
      await expect(port().set(name('bad'), 'v', 0)).rejects.toThrow(
        /cache\.set: ttlMs must be an integer >= 1/,
      );
      await expect(port().set(name('bad'), 'v', 1.5)).rejects.toThrow(/ttlMs/);
      await expect(port().set(name('bad'), 42 as unknown as string)).rejects.toThrow(
        /cache\.set: value must be a string/,
      );
    });
  });
}
