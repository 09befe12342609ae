import type { BudgetWindow, CountersPort } from '../ports';
import { type PortFactory, sleep, usePort } from './harness';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The behaviour every CountersPort adapter must have. */
export function describeCountersPort(adapter: string, factory: PortFactory<CountersPort>): void {
  describe(`CountersPort contract: ${adapter}`, () => {
    const { port, name } = usePort(factory);
    const window = (label: string, limit: number, ttlMs = DAY_MS): BudgetWindow => ({
      key: name(label),
      limit,
      ttlMs,
    });

    describe('reserve', () => {
      it('adds the amount to every window when all have room', async () => {
        const day = window('day', 1000);
        const month = window('month', 5000);
        expect(await port().reserve([day, month], 300)).toEqual({ ok: true, spent: [300, 300] });
        expect(await port().reserve([day, month], 200)).toEqual({ ok: true, spent: [500, 500] });
        expect(await port().read([day.key, month.key])).toEqual([500, 500]);
      });

      it('allows spending exactly up to the limit', async () => {
        const day = window('exact', 100);
        expect((await port().reserve([day], 60)).ok).toBe(true);
        expect(await port().reserve([day], 40)).toEqual({ ok: true, spent: [100] });
      });

      it('changes nothing and names the first exceeded window when one window lacks room', async () => {
        const day = window('day', 1000);
        const month = window('month', 250);
        await port().reserve([day, month], 200);
        const refused = await port().reserve([day, month], 100);
        expect(refused).toEqual({ ok: false, exceededKey: month.key, spent: [200, 200] });
        expect(await port().read([day.key, month.key])).toEqual([200, 200]);
      });

      it('never overspends under 200 concurrent reservations: exactly the 50 that fit succeed', async () => {
        const amount = 7;
        const day = window('race-day', 50 * amount);
        const month = window('race-month', 1_000_000);
        const results = await Promise.all(
          Array.from({ length: 200 }, () => port().reserve([day, month], amount)),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(50);
        expect(results.filter((r) => !r.ok).every((r) => r.exceededKey === day.key)).toBe(true);
        expect(await port().read([day.key, month.key])).toEqual([50 * amount, 50 * amount]);
      });

      it('refuses, changing nothing, while a window that must exist has no counter', async () => {
        const day = { ...window('seeded-day', 1000), mustExist: true };
        const month = window('month', 5000);
        const existingWeek = window('seeded-week', 1000);
        await port().reserve([existingWeek], 10);
        const week = { ...existingWeek, mustExist: true };
        expect(await port().reserve([day, month, week], 100)).toEqual({
          ok: false,
          missingKeys: [day.key],
          spent: [0, 0, 10],
        });
        expect(await port().read([day.key, month.key, week.key])).toEqual([0, 0, 10]);
        await port().seed(day.key, 400, DAY_MS);
        expect(await port().reserve([day, month, week], 100)).toEqual({ ok: true, spent: [500, 100, 110] });
      });

      it('counts a must-exist counter at 0 as existing', async () => {
        const day = window('zeroed', 1000);
        await port().reserve([day], 10);
        await port().adjust([day], -10);
        expect(await port().reserve([{ ...day, mustExist: true }], 5)).toEqual({ ok: true, spent: [5] });
      });

      it('sets the ttl on a new counter and does not extend it on later reservations', async () => {
        const day = window('ttl', 1000, 1500);
        await port().reserve([day], 10);
        await sleep(300);
        expect(await port().reserve([day], 10)).toEqual({ ok: true, spent: [20] });
        // Past the first ttl (1500 ms), before an extended one would end (300 + 1500 ms).
        await sleep(1400);
        expect(await port().read([day.key])).toEqual([0]);
      });
    });

    describe('adjust', () => {
      it('adds positive and negative deltas and returns the new values', async () => {
        const day = window('day', 1000);
        const month = window('month', 5000);
        await port().reserve([day, month], 500);
        expect(await port().adjust([day, month], -120)).toEqual([380, 380]);
        expect(await port().adjust([day, month], 20)).toEqual([400, 400]);
        expect(await port().read([day.key, month.key])).toEqual([400, 400]);
      });

      it('starts an absent counter at zero with the window ttl', async () => {
        const day = window('fresh', 1000, 150);
        expect(await port().adjust([day], 75)).toEqual([75]);
        await sleep(300);
        expect(await port().read([day.key])).toEqual([0]);
      });
    });

    describe('read and seed', () => {
      it('reads 0 for absent counters and [] for no keys', async () => {
        expect(await port().read([name('absent-a'), name('absent-b')])).toEqual([0, 0]);
        expect(await port().read([])).toEqual([]);
      });

      it('seeds an absent counter but never overwrites a present one', async () => {
        const key = name('seed');
        await port().seed(key, 4200, DAY_MS);
        expect(await port().read([key])).toEqual([4200]);
        await port().seed(key, 1, DAY_MS);
        expect(await port().read([key])).toEqual([4200]);
        expect(await port().reserve([{ key, limit: 5000, ttlMs: DAY_MS }], 800)).toEqual({
          ok: true,
          spent: [5000],
        });
      });

      it('a seeded counter expires after its ttl', async () => {
        const key = name('seed-ttl');
        await port().seed(key, 10, 150);
        await sleep(300);
        expect(await port().read([key])).toEqual([0]);
      });
    });

    describe('slidingWindow', () => {
      it('with limit N, exactly N of N+3 calls are allowed', async () => {
        const key = name('rl');
        const results = [];
        for (let i = 0; i < 8; i++) results.push(await port().slidingWindow(key, 60_000, 5, 1));
        expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false, false, false]);
        expect(results.map((r) => r.used)).toEqual([1, 2, 3, 4, 5, 5, 5, 5]);
        for (const refused of results.slice(5)) {
          expect(refused.retryAfterMs).toBeGreaterThan(0);
          expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
        }
      });

      it('allows exactly N of many concurrent calls', async () => {
        const key = name('rl-race');
        const results = await Promise.all(
          Array.from({ length: 60 }, () => port().slidingWindow(key, 60_000, 25, 1)),
        );
        expect(results.filter((r) => r.allowed)).toHaveLength(25);
      });

      it('counts each call by its cost', async () => {
        const key = name('rl-cost');
        expect(await port().slidingWindow(key, 60_000, 10, 4)).toEqual({
          allowed: true,
          used: 4,
          retryAfterMs: 0,
          grant: expect.any(String),
        });
        expect(await port().slidingWindow(key, 60_000, 10, 4)).toEqual({
          allowed: true,
          used: 8,
          retryAfterMs: 0,
          grant: expect.any(String),
        });
        expect((await port().slidingWindow(key, 60_000, 10, 4)).allowed).toBe(false);
        expect(await port().slidingWindow(key, 60_000, 10, 2)).toEqual({
          allowed: true,
          used: 10,
          retryAfterMs: 0,
          grant: expect.any(String),
        });
      });

      it('resizes a grant to its real cost: a smaller one frees room, a larger one takes it', async () => {
        const key = name('rl-resize');
        const first = await port().slidingWindow(key, 60_000, 10, 8);
        expect((await port().slidingWindow(key, 60_000, 10, 4)).allowed).toBe(false);
        await port().resizeGrant(key, first.grant!, 3);
        expect(await port().slidingWindow(key, 60_000, 10, 4)).toMatchObject({ allowed: true, used: 7 });
        const third = await port().slidingWindow(key, 60_000, 10, 1);
        await port().resizeGrant(key, third.grant!, 12);
        expect(await port().slidingWindow(key, 60_000, 100, 1)).toMatchObject({ allowed: true, used: 20 });
      });

      it('ignores a grant that slid out of the window', async () => {
        const key = name('rl-resize-late');
        const grant = (await port().slidingWindow(key, 300, 10, 5)).grant!;
        await sleep(350);
        await port().resizeGrant(key, grant, 9);
        expect(await port().slidingWindow(key, 300, 10, 10)).toMatchObject({ allowed: true, used: 10 });
      });

      it('allows again once retryAfterMs has passed, as the oldest grants slide out', async () => {
        const key = name('rl-slide');
        await port().slidingWindow(key, 1000, 2, 1);
        await sleep(400);
        await port().slidingWindow(key, 1000, 2, 1);
        const refused = await port().slidingWindow(key, 1000, 2, 1);
        expect(refused.allowed).toBe(false);
        // Only the first grant has to leave: the wait is what remains of its window, not a whole window
        // (+2 ms: Node timers may fire a millisecond early, so the sleep above can be 399 ms).
        expect(refused.retryAfterMs).toBeLessThanOrEqual(1000 - 400 + 2);
        await sleep(refused.retryAfterMs + 20);
        // The second grant is still inside its window, so one unit is free, not two.
        expect(await port().slidingWindow(key, 1000, 2, 1)).toMatchObject({ allowed: true, used: 2 });
        expect((await port().slidingWindow(key, 1000, 2, 1)).allowed).toBe(false);
      });
    });

    it('rejects bad input naming the field', async () => {
      const ok = window('bad', 100);
      await expect(port().reserve([], 1)).rejects.toThrow(
        /counters\.reserve: windows must be a non-empty array/,
      );
      await expect(port().reserve([ok], -1)).rejects.toThrow(
        /counters\.reserve: amount must be an integer >= 0/,
      );
      await expect(port().reserve([ok], 0.5)).rejects.toThrow(/amount/);
      await expect(port().reserve([{ ...ok, limit: -5 }], 1)).rejects.toThrow(/windows\[0\]\.limit/);
      await expect(port().reserve([ok, { ...ok }], 1)).rejects.toThrow(/windows\[1\]\.key repeats/);
      await expect(port().adjust([{ ...ok, ttlMs: 0 }], 1)).rejects.toThrow(
        /counters\.adjust: windows\[0\]\.ttlMs/,
      );
      await expect(port().read([''])).rejects.toThrow(/counters\.read: keys\[0\]/);
      await expect(port().seed(ok.key, 1, -1)).rejects.toThrow(/counters\.seed: ttlMs/);
      await expect(port().slidingWindow(ok.key, 1000, 3, 4)).rejects.toThrow(
        /cost \(4\) exceeds limit \(3\)/,
      );
      await expect(port().slidingWindow(ok.key, 0, 3, 1)).rejects.toThrow(/slidingWindow: windowMs/);
      expect(await port().read([ok.key])).toEqual([0]);
    });
  });
}
