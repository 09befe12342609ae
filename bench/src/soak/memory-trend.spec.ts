import { linearSlope, memoryVerdict, type MemorySample } from './memory-trend';

const MB = 1024 * 1024;
const limits = { warmupSec: 30, maxSlopeBytesPerSec: 32 * 1024, maxGrowthRatio: 1.5 };

function series(durationSec: number, rssAt: (t: number) => number): MemorySample[] {
  const out: MemorySample[] = [];
  for (let t = 0; t <= durationSec; t += 5) out.push({ tSec: t, rssBytes: rssAt(t) });
  return out;
}

describe('memory trend', () => {
  it('fits the least-squares slope', () => {
    expect(
      linearSlope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBe(2);
    expect(
      linearSlope([
        [0, 10],
        [1, 12],
        [2, 10],
        [3, 12],
      ]),
    ).toBeCloseTo(0.4, 10);
    expect(linearSlope([[1, 5]])).toBe(0);
    expect(
      linearSlope([
        [2, 5],
        [2, 9],
      ]),
    ).toBe(0);
  });

  it('passes memory that grows during warm-up and then stays flat with a GC sawtooth', () => {
    const rss = (t: number) => (t < 30 ? 80 * MB + t * 2 * MB : 140 * MB + ((t / 5) % 2) * 6 * MB);
    const verdict = memoryVerdict(series(600, rss), limits);
    expect(verdict.outcome).toBe('stable');
    expect(verdict.baselineRssBytes).toBe(140 * MB);
    expect(verdict.samplesJudged).toBe(115);
  });

  it('fails memory that keeps growing after warm-up', () => {
    const verdict = memoryVerdict(
      series(600, (t) => 100 * MB + t * 200 * 1024),
      limits,
    );
    expect(verdict.outcome).toBe('growing');
    expect(verdict.slopeBytesPerSec).toBeCloseTo(200 * 1024, 6);
    expect(verdict.growthRatio).toBeGreaterThan(1.5);
    expect(verdict.reason).toMatch(/RSS rises 200\.0 KiB\/s/);
  });

  it('does not fail a steep but small rise that stays under the growth ratio', () => {
    const verdict = memoryVerdict(
      series(120, (t) => 300 * MB + t * 100 * 1024),
      limits,
    );
    expect(verdict.slopeBytesPerSec).toBeGreaterThan(limits.maxSlopeBytesPerSec);
    expect(verdict.outcome).toBe('stable');
  });

  it('is inconclusive when the soak is too short to judge', () => {
    expect(
      memoryVerdict(
        series(35, () => 100 * MB),
        limits,
      ).outcome,
    ).toBe('inconclusive');
  });
});
