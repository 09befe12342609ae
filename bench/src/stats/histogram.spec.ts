import { Histogram } from './histogram';

function filled(values: number[], subBits?: number): Histogram {
  const h = new Histogram(subBits);
  for (const v of values) h.record(v);
  return h;
}

describe('Histogram', () => {
  it('gives exact nearest-rank percentiles for values in the linear range', () => {
    const h = filled(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(h.percentile(0)).toBe(1);
    expect(h.percentile(1)).toBe(1);
    expect(h.percentile(50)).toBe(50);
    expect(h.percentile(90)).toBe(90);
    expect(h.percentile(99)).toBe(99);
    expect(h.percentile(99.9)).toBe(100);
    const thousand = filled(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(thousand.percentile(99.9)).toBe(999);
    expect(thousand.percentile(99.95)).toBe(1000);
    expect(h.percentile(100)).toBe(100);
    expect(h.count).toBe(100);
    expect(h.min).toBe(1);
    expect(h.max).toBe(100);
    expect(h.mean).toBe(50.5);
  });

  it('does not depend on the order values were recorded in', () => {
    const values = [700, 3, 3, 1500, 42, 42, 42, 9];
    const sorted = filled([...values].sort((a, b) => a - b));
    const shuffled = filled(values);
    for (const p of [10, 25, 50, 75, 90, 100]) expect(shuffled.percentile(p)).toBe(sorted.percentile(p));
    expect(shuffled.percentile(50)).toBe(42);
  });

  it('keeps large values within 2^-subBits relative error and never reports above the maximum', () => {
    const values = [10_000, 123_457, 999_999, 5_000_000, 61_000_000];
    const h = filled(values);
    values.forEach((v, i) => {
      const reported = h.percentile(((i + 1) / values.length) * 100);
      expect(reported).toBeGreaterThanOrEqual(v);
      expect((reported - v) / v).toBeLessThanOrEqual(2 ** -10);
    });
    expect(h.percentile(100)).toBe(61_000_000);
  });

  it('maps every value to a bucket whose range contains it', () => {
    const h = new Histogram(4);
    const misplaced: number[] = [];
    for (let v = 0; v < 200_000; v += 7) {
      const index = h.indexOf(v);
      const fits = h.highestEquivalent(index) >= v && (index === 0 || h.highestEquivalent(index - 1) < v);
      if (!fits) misplaced.push(v);
    }
    expect(misplaced).toEqual([]);
  });

  it('rounds fractional values and clamps negatives to zero', () => {
    const h = filled([-5, 2.4, 2.6]);
    expect(h.percentile(0)).toBe(0);
    expect(h.percentile(50)).toBe(2);
    expect(h.percentile(100)).toBe(3);
  });

  it('records a value several times at once', () => {
    const h = new Histogram();
    h.record(10, 9);
    h.record(1000, 1);
    expect(h.count).toBe(10);
    expect(h.percentile(90)).toBe(10);
    expect(h.percentile(91)).toBe(1000);
  });

  it('adds histograms and round-trips through a snapshot', () => {
    const a = filled([1, 2, 3]);
    const b = filled([4, 5, 50_000]);
    a.add(b);
    expect(a.count).toBe(6);
    expect(a.percentile(50)).toBe(3);
    expect(a.max).toBe(50_000);
    const copy = Histogram.fromSnapshot(JSON.parse(JSON.stringify(a.snapshot())));
    for (const p of [0, 50, 83, 100]) expect(copy.percentile(p)).toBe(a.percentile(p));
    expect(copy.mean).toBe(a.mean);
  });

  it('answers 0 when empty and refuses percentiles outside 0..100', () => {
    const h = new Histogram();
    expect(h.percentile(99)).toBe(0);
    expect(h.min).toBe(0);
    expect(() => h.percentile(101)).toThrow(/between 0 and 100/);
    expect(() => h.percentile(Number.NaN)).toThrow(/between 0 and 100/);
  });

  it('refuses to add histograms of different precision', () => {
    expect(() => new Histogram(10).add(new Histogram(8))).toThrow(/subBits/);
  });
});
