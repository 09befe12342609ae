import { HEADLINE_PERCENTILES, type LatencySummary, type Percentile } from './latency-summary';

export type Added = Record<Percentile, number>;

/**
 * What a hop adds: its latency minus the direct call's at the same percentile (µs). Percentiles do not
 * subtract like values, so this is the shift between the two distributions at that rank, not the
 * distribution of per-request overheads; with both measured interleaved on the same machine it is the
 * honest comparison an end-to-end test can make.
 */
export function addedLatency(hop: LatencySummary, direct: LatencySummary): Added {
  const out = {} as Added;
  for (const p of HEADLINE_PERCENTILES) out[p] = hop[p] - direct[p];
  return out;
}

/**
 * How many times the bare Node proxy's added P99 our added P99 is. Undefined when the bare proxy added
 * nothing measurable (its P99 at or below the direct one's): the ratio would be meaningless.
 */
export function ratioToBare(ourAddedP99: number, bareAddedP99: number): number | undefined {
  if (!(bareAddedP99 > 0)) return undefined;
  return ourAddedP99 / bareAddedP99;
}

/** Requests completed per second of the step's wall time (the throughput at saturation). */
export function throughput(completed: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (completed * 1000) / elapsedMs : 0;
}

/** CPU milliseconds per request; undefined when nothing was measured (no process, or no request). */
export function cpuPerRequest(cpuMs: number | undefined, requests: number): number | undefined {
  if (cpuMs === undefined || requests === 0) return undefined;
  return cpuMs / requests;
}
