import { Injectable } from '@nestjs/common';
import cluster from 'node:cluster';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram';
import { ClusterMetricsClient } from './cluster-metrics';
import { ChildCache } from './metric-children';

/** Content type of the Prometheus text exposition format served by GET /metrics. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The hot-path stages timed by `verosek_stage_duration_seconds{stage}`. */
export const STAGES = ['key_check', 'translation', 'shield_pre', 'shield_post', 'audit_enqueue'] as const;
export type Stage = (typeof STAGES)[number];

/** One finished call, as the pipeline reports it once, at the end. */
export interface RequestObservation {
  /** The surface the client used: 'openai-chat', 'anthropic-messages', 'gemini'. */
  surface: string;
  /** The configured model group, never raw client input ('-' when the call never reached a group). */
  model: string;
  status: number;
  /** Arrival of the request to the end of the answer. */
  durationMs: number;
  /** Time spent waiting on providers, all attempts; the overhead metric is duration minus this. */
  upstreamMs?: number;
  /** The provider of the deployment that answered. */
  provider?: string;
  /** Streams: arrival to the first byte sent to the client. */
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
}

export type CooldownSource = () => Iterable<{ deployment: string; coolingDown: boolean }>;
export type QueueDepthSource = () => Promise<number>;

const LLM_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const STAGE_SECONDS = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
];
/** A queue that does not answer its depth in time is left out of that scrape rather than stalling it. */
const DEPTH_TIMEOUT_MS = 1_000;

/**
 * The gateway's Prometheus metrics, on a Registry of its own (not prom-client's global one), with the
 * default process metrics (CPU, memory, event-loop delay, GC). Recording is cheap: children per label
 * combination are cached, histograms are BucketHistograms, gauges that need I/O are collected only
 * when scraped.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'verosek_requests_total',
    help: 'Calls served, by surface, model group and HTTP status',
    labelNames: ['surface', 'model', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new BucketHistogram({
    name: 'verosek_request_duration_seconds',
    help: 'Arrival of a call to the end of its answer',
    labelNames: ['surface'],
    buckets: LLM_SECONDS,
    registers: [this.registry],
  });
  private readonly overhead = new BucketHistogram({
    name: 'verosek_gateway_overhead_seconds',
    help: "Time a call spent in the gateway itself: its duration minus the providers' time",
    labelNames: ['surface'],
    buckets: OVERHEAD_SECONDS,
    registers: [this.registry],
  });
  private readonly upstream = new BucketHistogram({
    name: 'verosek_upstream_duration_seconds',
    help: 'Time spent waiting on the provider, all attempts of a call',
    labelNames: ['provider'],
    buckets: LLM_SECONDS,
    registers: [this.registry],
  });
  private readonly ttft = new BucketHistogram({
    name: 'verosek_ttft_seconds',
    help: 'Streamed calls: arrival to the first byte sent to the client',
    labelNames: ['surface'],
    buckets: LLM_SECONDS,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'verosek_tokens_total',
    help: 'Tokens billed, by direction (input, output)',
    labelNames: ['direction'],
    registers: [this.registry],
  });
  private readonly cost = new Counter({
    name: 'verosek_cost_usd_total',
    help: 'Cost of the calls served, USD',
    registers: [this.registry],
  });
  private readonly stages = new BucketHistogram({
    name: 'verosek_stage_duration_seconds',
    help: 'Time spent in each hot-path stage (key_check, translation, shield_pre, shield_post, audit_enqueue)',
    labelNames: ['stage'],
    buckets: STAGE_SECONDS,
    registers: [this.registry],
  });

  private readonly routingEvents = new Counter({
    name: 'verosek_routing_events_total',
    help: 'Routing decisions and transitions (retry, fallback, cooled, cooldown-extended, half-open-probe, restored)',
    labelNames: ['type'],
    registers: [this.registry],
  });

  private readonly cooldownSources = new Set<CooldownSource>();
  private readonly depthSources = new Map<string, QueueDepthSource>();

  private readonly requestChildren = new ChildCache((s, m, st) => this.requests.labels(s, m, st));
  // Every stage is exposed from the start, so that a stage that never ran shows as 0, not as missing.
  private readonly stageChildren = new Map(STAGES.map((stage) => [stage, this.stages.labels(stage)]));
  private readonly inputTokens = this.tokens.labels('input');
  private readonly outputTokens = this.tokens.labels('output');
  private readonly statusText = new Map<number, string>();

  private readonly cluster = cluster.isWorker ? new ClusterMetricsClient(this.registry) : undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const cooldownSources = this.cooldownSources;
    // Gauges of state the workers share (VEROSEK_WORKERS > 1): the cluster-wide value is one worker's
    // reading, not the sum of all of them.
    new Gauge({
      name: 'verosek_deployment_cooldown',
      help: '1 while a deployment is cooling down after failures, else 0',
      labelNames: ['deployment'],
      registers: [this.registry],
      aggregator: 'max',
      collect() {
        this.reset();
        for (const source of cooldownSources) {
          for (const { deployment, coolingDown } of source())
            this.labels(deployment).set(coolingDown ? 1 : 0);
        }
      },
    });
    const depthSources = this.depthSources;
    new Gauge({
      name: 'verosek_queue_depth',
      help: 'Jobs waiting or running in a queue',
      labelNames: ['queue'],
      registers: [this.registry],
      aggregator: 'max',
      async collect() {
        this.reset();
        const depths = await Promise.all(
          [...depthSources].map(
            async ([queue, depth]) => [queue, await withTimeout(depth(), DEPTH_TIMEOUT_MS)] as const,
          ),
        );
        for (const [queue, depth] of depths) if (depth !== undefined) this.labels(queue).set(depth);
      },
    });
  }

  /** Records how long one stage of one call took. */
  observeStage(stage: Stage, durationMs: number): void {
    const child = this.stageChildren.get(stage);
    if (!child) throw new RangeError(`unknown stage '${String(stage)}' (known: ${STAGES.join(', ')})`);
    child.observe(durationMs / 1000);
  }

  /** Records a finished call: count, duration, overhead, upstream time, TTFT, tokens and cost. */
  recordRequest(o: RequestObservation): void {
    this.requestChildren.get(o.surface, o.model, this.statusLabel(o.status)).inc();
    this.duration.labels(o.surface).observe(o.durationMs / 1000);
    if (o.upstreamMs !== undefined) {
      this.overhead.labels(o.surface).observe(Math.max(0, o.durationMs - o.upstreamMs) / 1000);
      if (o.provider !== undefined) this.upstream.labels(o.provider).observe(o.upstreamMs / 1000);
    }
    if (o.ttftMs !== undefined) this.ttft.labels(o.surface).observe(o.ttftMs / 1000);
    if (o.inputTokens) this.inputTokens.inc(o.inputTokens);
    if (o.outputTokens) this.outputTokens.inc(o.outputTokens);
    if (o.costUsd) this.cost.inc(o.costUsd);
  }

  recordRoutingEvent(type: string): void {
    this.routingEvents.labels(type).inc();
  }

  /** Adds a source of deployment cooldown states, read at every scrape. */
  registerCooldownSource(source: CooldownSource): () => void {
    this.cooldownSources.add(source);
    return () => this.cooldownSources.delete(source);
  }

  /** Adds a queue whose depth is read at every scrape; returns the function that removes it. */
  registerQueueDepth(queue: string, depth: QueueDepthSource): () => void {
    this.depthSources.set(queue, depth);
    return () => this.depthSources.delete(queue);
  }

  /**
   * The exposition text for GET /metrics (content type PROMETHEUS_CONTENT_TYPE); in a worker of
   * several, that of all workers together.
   */
  exposition(): Promise<string> {
    return this.cluster ? this.cluster.exposition() : this.registry.metrics();
  }

  private statusLabel(status: number): string {
    let text = this.statusText.get(status);
    if (text === undefined) this.statusText.set(status, (text = String(status)));
    return text;
  }
}

/** The value, or undefined when it fails or takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
