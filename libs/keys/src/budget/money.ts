/** Money on the counters and in Postgres is in integer micro-USD, so that sums stay exact. */
export const MICRO_PER_USD = 1_000_000;

export function usdToMicro(usd: number): number {
  return Math.round(usd * MICRO_PER_USD);
}

/** Rounds up (a reservation must never be smaller than the cost it covers); never negative. */
export function usdToMicroCeil(usd: number): number {
  return Math.max(0, Math.ceil(usd * MICRO_PER_USD - 1e-6));
}

export function microToUsd(micro: number): number {
  return micro / MICRO_PER_USD;
}
