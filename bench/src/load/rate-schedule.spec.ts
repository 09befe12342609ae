import { RateSchedule } from './rate-schedule';

describe('RateSchedule', () => {
  it('spaces requests evenly at the rate', () => {
    const s = new RateSchedule(200, 1000);
    expect(s.total).toBe(200);
    expect(s.intervalNs).toBe(5_000_000);
    expect(s.dueAtNs(0)).toBe(0);
    expect(s.dueAtNs(1)).toBe(5_000_000);
    expect(s.dueAtNs(199)).toBe(995_000_000);
  });

  it('rounds the request count of a fractional run', () => {
    expect(new RateSchedule(500, 2500).total).toBe(1250);
    expect(new RateSchedule(3, 500).total).toBe(2);
    expect(new RateSchedule(1, 10).total).toBe(1);
  });

  it('counts the requests due at a given time, the one due exactly now included', () => {
    const s = new RateSchedule(500, 1000); // every 2 ms
    expect(s.dueBy(-1)).toBe(0);
    expect(s.dueBy(0)).toBe(1);
    expect(s.dueBy(1_999_999)).toBe(1);
    expect(s.dueBy(2_000_000)).toBe(2);
    expect(s.dueBy(10_500_000)).toBe(6);
    expect(s.dueBy(5e9)).toBe(500);
  });

  it('keeps dueBy consistent with dueAtNs for rates that do not divide a second', () => {
    const s = new RateSchedule(3, 10_000);
    const inconsistent: number[] = [];
    for (let t = 0; t < 10e9; t += 111_111_111) {
      const due = s.dueBy(t);
      const ok = (due === 0 || s.dueAtNs(due - 1) <= t) && (due === s.total || s.dueAtNs(due) > t);
      if (!ok) inconsistent.push(t);
    }
    expect(inconsistent).toEqual([]);
    expect(s.dueAtNs(1)).toBe(333_333_333);
  });

  it('tells how long to wait for the next send', () => {
    const s = new RateSchedule(1000, 1000);
    expect(s.waitNs(5, 4_200_000)).toBe(800_000);
    expect(s.waitNs(5, 9_000_000)).toBe(0);
    expect(s.waitNs(1000, 0)).toBe(-1);
  });

  it('refuses a rate or duration that is not positive', () => {
    expect(() => new RateSchedule(0, 1000)).toThrow(/rate/);
    expect(() => new RateSchedule(Number.POSITIVE_INFINITY, 1000)).toThrow(/rate/);
    expect(() => new RateSchedule(10, 0)).toThrow(/durationMs/);
  });
});
