import type { MicroResult } from '../micro/micro-result';
import type { GoalCheck } from './goals';
import type { Percentile } from './latency-summary';
import type { LatencySummary } from './latency-summary';

/** The JSON report (bench/results/latest.json); the markdown and the chart are rendered from it. */
export interface BenchReport {
  meta: RunMeta;
  targets: TargetReport[];
  profiles: { id: string; label: string; stream: boolean }[];
  results: ResultRow[];
  comparisons: Comparison[];
  /** Issue 9's targets checked against this run's numbers. */
  goals: GoalCheck[];
  /** Stage timings read from the gateway's /metrics, summed over every measured step of a target. */
  stages: { target: string; rows: StageRow[] }[];
  micro: MicroResult[];
}

export interface RunMeta {
  startedAt: string;
  finishedAt: string;
  command: string;
  node: string;
  platform: string;
  cpuModel: string;
  cpus: number;
  /** 1-minute load average at the start and at the end: a busy machine makes every number worse. */
  loadAverage: { start: number; end: number };
  stepDurationMs: number;
  rounds: number;
  warmupMs: number;
  workers: number;
  upstreamLatencyMs: number;
  saturationConnections: number;
}

export interface TargetReport {
  name: string;
  ran: boolean;
  reason?: string;
  notes: string[];
}

export interface StageRow {
  stage: string;
  count: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

export interface ResultRow {
  target: string;
  profile: string;
  requests: number;
  errors: number;
  errorSamples: string[];
  latencyUs: LatencySummary;
  ttfbUs: LatencySummary;
  /** From the actual send; equals latency in closed loop. */
  serviceUs: LatencySummary;
  /** Open loop only: how late the generator sent. */
  sendLagUs?: LatencySummary;
  throughputRps: number;
  cpuMsPerRequest?: number;
  companionCpuMsPerRequest?: number;
  stages: StageRow[];
  /** [percentile, µs] for the chart. */
  curve: [number, number][];
}

export interface Comparison {
  target: string;
  profile: string;
  /** Hop minus direct at the same percentile, µs. */
  addedUs: Record<Percentile, number>;
  /** Same for the time to first byte of streamed answers. */
  addedTtfbUs?: Record<Percentile, number>;
  /** Our added P99 over the bare proxy's (gateway targets only). */
  ratioToBareP99?: number;
}
