import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram';

const BUCKETS = [0.001, 0.01, 0.1, 1];
/** On a bound, between bounds, below the first, above the last, zero and negative. */
const VALUES = [0.001, 0.0005, 0.05, 0.01, 2, 0, -1, 1, 0.1000001, 30, 0.0099];

/** The same histogram twice: prom-client's, and ours, each in a registry of its own. */
function pair(labelNames: string[]) {
  const config = { name: 'test_seconds', help: 'Test histogram', labelNames, buckets: BUCKETS };
  const promRegistry = new Registry();
  const ourRegistry = new Registry();
  const prom = new Histogram({ ...config, registers: [promRegistry] });
  const ours = new BucketHistogram({ ...config, registers: [ourRegistry] });
  return { prom, ours, promRegistry, ourRegistry };
}

describe('BucketHistogram', () => {
  it("exposes exactly the text prom-client's Histogram exposes for the same observations", async () => {
    const { prom, ours, promRegistry, ourRegistry } = pair(['surface', 'provider']);
    const combos = [
      ['openai-chat', 'openai'],
      ['gemini', 'anthropic'],
      ['with "quote"\nand newline', 'x'],
    ];
    VALUES.forEach((value, i) => {
      const [surface, provider] = combos[i % combos.length];
      prom.labels(surface, provider).observe(value);
      ours.labels(surface, provider).observe(value);
    });
    const text = await ourRegistry.metrics();
    expect(text).toBe(await promRegistry.metrics());
    expect(text).toContain('test_seconds_bucket{le="0.01",surface="openai-chat",provider="openai"} 3');
  });

  it('exposes a series created but never observed with zero counts, like a zeroed prom-client child', async () => {
    const { prom, ours, promRegistry, ourRegistry } = pair(['stage']);
    prom.zero({ stage: 'key_check' });
    ours.labels('key_check');
    expect(await ourRegistry.metrics()).toBe(await promRegistry.metrics());
    expect(await ourRegistry.metrics()).toContain('test_seconds_count{stage="key_check"} 0');
  });

  it('works without labels', async () => {
    const { prom, ours, promRegistry, ourRegistry } = pair([]);
    for (const value of VALUES) {
      prom.observe(value);
      ours.labels().observe(value);
    }
    expect(await ourRegistry.metrics()).toBe(await promRegistry.metrics());
  });

  it("sums across workers as prom-client's cluster aggregation sums its Histogram", async () => {
    const workers = [pair(['surface']), pair(['surface'])];
    workers.forEach((worker, w) =>
      VALUES.forEach((value, i) => {
        const surface = (i + w) % 2 ? 'a' : 'b';
        worker.prom.labels(surface).observe(value);
        worker.ours.labels(surface).observe(value);
      }),
    );
    const aggregate = async (key: 'promRegistry' | 'ourRegistry') =>
      AggregatorRegistry.aggregate(
        await Promise.all(workers.map((worker) => worker[key].getMetricsAsJSON())),
      ).metrics();
    const ours = await aggregate('ourRegistry');
    expect(ours).toBe(await aggregate('promRegistry'));
    expect(ours).toContain('test_seconds_count{surface="a"} 11');
  });

  it('keeps label combinations apart whatever characters their values hold', () => {
    const { ours } = pair(['a', 'b']);
    expect(ours.labels('x\u0000y', 'z')).not.toBe(ours.labels('x', 'y\u0000z'));
    expect(ours.labels('x', 'y')).toBe(ours.labels('x', 'y'));
  });

  it('refuses a value that is not a finite number, and a wrong number of label values', () => {
    const { ours } = pair(['surface']);
    expect(() => ours.labels('x').observe(Number.NaN)).toThrow(/not a valid number/);
    expect(() => ours.labels('x', 'y')).toThrow(/has labels surface; got 2 values/);
    expect(
      () => new BucketHistogram({ name: 'bad', help: 'h', labelNames: ['le'], buckets: [1], registers: [] }),
    ).toThrow(/reserved/);
  });

  it('resetMetrics zeroes the series it handed out, which stay in use', async () => {
    const { ours, ourRegistry } = pair(['surface']);
    const series = ours.labels('a');
    series.observe(0.5);
    ourRegistry.resetMetrics();
    expect(await ourRegistry.metrics()).toContain('test_seconds_count{surface="a"} 0');
    series.observe(0.5);
    expect(await ourRegistry.metrics()).toContain('test_seconds_count{surface="a"} 1');
  });
});
