import { request } from 'undici';
import { histogramsBy, parseSamples, type BucketedHistogram } from './prom-text';

/** The gateway's per-stage histogram (libs/gateway/src/metrics). */
export const STAGE_METRIC = 'verosek_stage_duration_seconds';

export type StageHistograms = Map<string, BucketedHistogram>;

export async function scrapeText(url: string): Promise<string> {
  const res = await request(url, { headersTimeout: 5_000, bodyTimeout: 5_000 });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered HTTP ${res.statusCode}`);
  return text;
}

/** The stage histograms as they stand now; empty when the gateway records none. */
export async function scrapeStages(url: string): Promise<StageHistograms> {
  return histogramsBy(parseSamples(await scrapeText(url)), STAGE_METRIC, 'stage');
}
