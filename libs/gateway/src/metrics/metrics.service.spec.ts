import { AggregatorRegistry } from 'prom-client';
import { parseExposition } from './test-exposition';
import { MetricsService, PROMETHEUS_CONTENT_TYPE } from './metrics.service';

describe('MetricsService', () => {
  let metrics: MetricsService;

  beforeEach(() => {
    metrics = new MetricsService();
  });

  it('counts calls by surface, model group and status', async () => {
    metrics.recordRequest({ surface: 'openai-chat', model: 'gpt-4o', status: 200, durationMs: 120 });
    metrics.recordRequest({ surface: 'openai-chat', model: 'gpt-4o', status: 200, durationMs: 80 });
    metrics.recordRequest({ surface: 'gemini', model: 'gpt-4o', status: 429, durationMs: 3 });
    const text = await metrics.exposition();
    expect(text).toContain('verosek_requests_total{surface="openai-chat",model="gpt-4o",status="200"} 2');
    expect(text).toContain('verosek_requests_total{surface="gemini",model="gpt-4o",status="429"} 1');
    expect(text).toContain('verosek_request_duration_seconds_count{surface="openai-chat"} 2');
    expect(
      parseExposition(text).get('verosek_request_duration_seconds_sum{surface="openai-chat"}'),
    ).toBeCloseTo(0.2, 10);
  });

  it('derives the gateway overhead from total minus upstream time, and records upstream, TTFT, tokens and cost', async () => {
    metrics.recordRequest({
      surface: 'anthropic-messages',
      model: 'claude-sonnet',
      status: 200,
      durationMs: 250,
      upstreamMs: 247.5,
      provider: 'anthropic',
      ttftMs: 40,
      inputTokens: 100,
      outputTokens: 20,
      costUsd: 0.0015,
    });
    metrics.recordRequest({
      surface: 'anthropic-messages',
      model: 'claude-sonnet',
      status: 200,
      durationMs: 10,
      inputTokens: 5,
    });
    const values = parseExposition(await metrics.exposition());
    expect(values.get('verosek_gateway_overhead_seconds_sum{surface="anthropic-messages"}')).toBeCloseTo(
      0.0025,
      10,
    );
    expect(values.get('verosek_gateway_overhead_seconds_count{surface="anthropic-messages"}')).toBe(1);
    expect(
      values.get('verosek_gateway_overhead_seconds_bucket{le="0.0025",surface="anthropic-messages"}'),
    ).toBe(1);
    expect(
      values.get('verosek_gateway_overhead_seconds_bucket{le="0.001",surface="anthropic-messages"}'),
    ).toBe(0);
    expect(values.get('verosek_upstream_duration_seconds_sum{provider="anthropic"}')).toBeCloseTo(0.2475, 10);
    expect(values.get('verosek_ttft_seconds_count{surface="anthropic-messages"}')).toBe(1);
    expect(values.get('verosek_tokens_total{direction="input"}')).toBe(105);
    expect(values.get('verosek_tokens_total{direction="output"}')).toBe(20);
    expect(values.get('verosek_cost_usd_total')).toBeCloseTo(0.0015, 12);
  });

  it('times stages into per-stage histograms, in seconds', async () => {
    metrics.observeStage('shield_pre', 0.3);
    metrics.observeStage('shield_pre', 0.03);
    metrics.observeStage('key_check', 2);
    const values = parseExposition(await metrics.exposition());
    expect(values.get('verosek_stage_duration_seconds_count{stage="shield_pre"}')).toBe(2);
    expect(values.get('verosek_stage_duration_seconds_sum{stage="shield_pre"}')).toBeCloseTo(0.00033, 12);
    expect(values.get('verosek_stage_duration_seconds_bucket{le="0.00005",stage="shield_pre"}')).toBe(1);
    expect(values.get('verosek_stage_duration_seconds_bucket{le="0.0025",stage="key_check"}')).toBe(1);
    expect(values.get('verosek_stage_duration_seconds_count{stage="audit_enqueue"}')).toBe(0);
    expect(() => metrics.observeStage('decode' as never, 1)).toThrow(/unknown stage 'decode'/);
  });

  it('reads deployment cooldowns and queue depths from their sources at scrape time', async () => {
    let cooling = true;
    metrics.registerCooldownSource(() => [
      { deployment: 'openai-east', coolingDown: cooling },
      { deployment: 'openai-west', coolingDown: false },
    ]);
    let depth = 7;
    const remove = metrics.registerQueueDepth('audit', async () => depth);
    metrics.registerQueueDepth('broken', () => Promise.reject(new Error('redis down')));

    let values = parseExposition(await metrics.exposition());
    expect(values.get('verosek_deployment_cooldown{deployment="openai-east"}')).toBe(1);
    expect(values.get('verosek_deployment_cooldown{deployment="openai-west"}')).toBe(0);
    expect(values.get('verosek_queue_depth{queue="audit"}')).toBe(7);
    expect(values.has('verosek_queue_depth{queue="broken"}')).toBe(false);

    cooling = false;
    depth = 2;
    values = parseExposition(await metrics.exposition());
    expect(values.get('verosek_deployment_cooldown{deployment="openai-east"}')).toBe(0);
    expect(values.get('verosek_queue_depth{queue="audit"}')).toBe(2);

    remove();
    expect(parseExposition(await metrics.exposition()).has('verosek_queue_depth{queue="audit"}')).toBe(false);
  });

  it("adds up the workers' calls across workers, but not their readings of shared queues and cooldowns", async () => {
    const workers = [new MetricsService(), new MetricsService()];
    workers.forEach((worker, i) => {
      for (let n = 0; n <= i; n++)
        worker.recordRequest({ surface: 'openai-chat', model: 'gpt-4o', status: 200, durationMs: 5 });
      worker.registerQueueDepth('audit', async () => 7);
      worker.registerCooldownSource(() => [{ deployment: 'openai-east', coolingDown: i === 1 }]);
    });
    // What the primary does with the workers' answers (prom-client's cluster aggregation).
    const all = AggregatorRegistry.aggregate(
      await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON())),
    );
    const values = parseExposition(await all.metrics());
    expect(values.get('verosek_requests_total{surface="openai-chat",model="gpt-4o",status="200"}')).toBe(3);
    expect(values.get('verosek_queue_depth{queue="audit"}')).toBe(7);
    expect(values.get('verosek_deployment_cooldown{deployment="openai-east"}')).toBe(1);
  });

  it('includes the default process metrics, on its own registry', async () => {
    const text = await metrics.exposition();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    const other = new MetricsService();
    other.recordRequest({ surface: 'gemini', model: 'x', status: 200, durationMs: 1 });
    expect(await metrics.exposition()).not.toContain('surface="gemini"');
    expect(PROMETHEUS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});
