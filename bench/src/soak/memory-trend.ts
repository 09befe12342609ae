/** Does memory grow without bound? Judged on RSS samples after the warm-up. */

export interface MemorySample {
  /** Seconds since the soak started. */
  tSec: number;
  rssBytes: number;
}

export interface TrendLimits {
  /** Samples before this are warm-up (JIT, caches, pools filling) and not judged. */
  warmupSec: number;
  /** Least-squares RSS slope after warm-up above which memory counts as growing. */
  maxSlopeBytesPerSec: number;
  /** Final RSS over the first post-warm-up RSS above which growth counts as unbounded. */
  maxGrowthRatio: number;
}

export const DEFAULT_TREND_LIMITS: Omit<TrendLimits, 'warmupSec'> = {
  maxSlopeBytesPerSec: 32 * 1024,
  maxGrowthRatio: 1.5,
};

export interface MemoryVerdict {
  /** 'growing' fails the soak; 'inconclusive' means too few samples after warm-up to judge. */
  outcome: 'stable' | 'growing' | 'inconclusive';
  slopeBytesPerSec: number;
  baselineRssBytes: number;
  finalRssBytes: number;
  growthRatio: number;
  samplesJudged: number;
  reason: string;
}

const MIN_SAMPLES = 3;

/** Least-squares slope of y over x; 0 for fewer than two distinct x. */
export function linearSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Growing only when both hold after warm-up: the RSS trend rises faster than the slope limit, and the
 * final RSS exceeds the post-warm-up RSS by the growth ratio. Either alone is noise: a GC sawtooth can
 * tilt a short regression, and one late spike can push the final sample up.
 */
export function memoryVerdict(samples: MemorySample[], limits: TrendLimits): MemoryVerdict {
  const judged = samples.filter((s) => s.tSec >= limits.warmupSec);
  const baseline = judged[0]?.rssBytes ?? 0;
  const final = judged[judged.length - 1]?.rssBytes ?? 0;
  const slope = linearSlope(judged.map((s) => [s.tSec, s.rssBytes]));
  const ratio = baseline > 0 ? final / baseline : 0;
  const base = {
    slopeBytesPerSec: slope,
    baselineRssBytes: baseline,
    finalRssBytes: final,
    growthRatio: ratio,
    samplesJudged: judged.length,
  };
  if (judged.length < MIN_SAMPLES) {
    return {
      ...base,
      outcome: 'inconclusive',
      reason: `only ${judged.length} samples after the ${limits.warmupSec} s warm-up; run longer`,
    };
  }
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB/s`;
  if (slope > limits.maxSlopeBytesPerSec && ratio > limits.maxGrowthRatio) {
    return {
      ...base,
      outcome: 'growing',
      reason: `RSS rises ${kib(slope)} (limit ${kib(limits.maxSlopeBytesPerSec)}) and ended at ${ratio.toFixed(2)}x its post-warm-up size (limit ${limits.maxGrowthRatio}x)`,
    };
  }
  return {
    ...base,
    outcome: 'stable',
    reason: `RSS trend ${kib(slope)}, final ${ratio.toFixed(2)}x the post-warm-up size`,
  };
}
