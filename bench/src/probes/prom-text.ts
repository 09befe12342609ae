/** Just enough of the Prometheus text format (0.0.4) to read the gateway's histograms and gauges. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface BucketedHistogram {
  /** [upper bound in seconds, cumulative count], ascending, +Inf last. */
  buckets: [number, number][];
  sum: number;
  count: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL))
      labels[key] = value.replace(/\\(.)/g, '$1');
    out.push({ name: match[1], labels, value: parseValue(match[3]) });
  }
  return out;
}

function parseValue(raw: string): number {
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

/** The first sample of `name` whose labels include `labels`; undefined when there is none. */
export function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

/** The histogram `name`, one per value of the label `by` (e.g. stage). */
export function histogramsBy(samples: Sample[], name: string, by: string): Map<string, BucketedHistogram> {
  const out = new Map<string, BucketedHistogram>();
  const of = (key: string) => {
    let h = out.get(key);
    if (!h) out.set(key, (h = { buckets: [], sum: 0, count: 0 }));
    return h;
  };
  for (const s of samples) {
    const key = s.labels[by];
    if (key === undefined) continue;
    if (s.name === `${name}_bucket`) of(key).buckets.push([parseValue(s.labels.le), s.value]);
    else if (s.name === `${name}_sum`) of(key).sum = s.value;
    else if (s.name === `${name}_count`) of(key).count = s.value;
  }
  for (const h of out.values()) h.buckets.sort((a, b) => a[0] - b[0]);
  return out;
}

/** What happened between two scrapes: `after` minus `before`, bucket by bucket. */
export function histogramDelta(
  before: BucketedHistogram | undefined,
  after: BucketedHistogram,
): BucketedHistogram {
  if (!before) return after;
  const previous = new Map(before.buckets);
  return {
    buckets: after.buckets.map(([le, n]) => [le, n - (previous.get(le) ?? 0)]),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  };
}

/** Adds `b` to `a` (same bucket bounds), for summing the deltas of several steps. */
export function histogramSum(a: BucketedHistogram | undefined, b: BucketedHistogram): BucketedHistogram {
  if (!a) return { buckets: b.buckets.map(([le, n]) => [le, n]), sum: b.sum, count: b.count };
  const other = new Map(b.buckets);
  return {
    buckets: a.buckets.map(([le, n]) => [le, n + (other.get(le) ?? 0)]),
    sum: a.sum + b.sum,
    count: a.count + b.count,
  };
}

/**
 * The q-quantile (0..1) estimated as Prometheus' histogram_quantile does: linear interpolation inside the
 * bucket holding the rank; the highest finite bound when the rank falls in +Inf. NaN when empty.
 */
export function bucketQuantile(q: number, h: BucketedHistogram): number {
  const total = h.buckets.length > 0 ? h.buckets[h.buckets.length - 1][1] : 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of h.buckets) {
    if (cumulative >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lowerBound;
      const inBucket = cumulative - lowerCount;
      return inBucket === 0 ? le : lowerBound + ((le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = le;
    lowerCount = cumulative;
  }
  return lowerBound;
}
