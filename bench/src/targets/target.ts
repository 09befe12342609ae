/** The four configurations the benchmark compares, in the order they run within a round. */
export const TARGET_NAMES = [
  'direct',
  'bare-proxy',
  'gateway-embedded',
  'gateway-embedded-1-failing',
  'gateway-cluster',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** How a target's note says that its stage timings cannot be read (the reason follows). */
export const NO_STAGE_TIMINGS = 'no stage timings: ';

/** One configuration, started and ready to take load. */
export interface Target {
  name: TargetName;
  /** `http://127.0.0.1:<port>` the load generator sends to. */
  origin: string;
  /** Sent with every request (the caller key). */
  headers: Record<string, string>;
  /** The hop's own processes (children included when measured): their CPU is this configuration's cost. */
  hopPids: number[];
  /** Other processes of ours this configuration needs (audit-service...), measured separately. */
  companionPids: number[];
  /** The gateway's Prometheus endpoint, when it has one. */
  metricsUrl?: string;
  /** What the reader must know about how this configuration ran (fallbacks, missing parts). */
  notes: string[];
  stop(): Promise<void>;
}

/** A configuration that could not run, and why. */
export interface SkippedTarget {
  name: TargetName;
  reason: string;
}
