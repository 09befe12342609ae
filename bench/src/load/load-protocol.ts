import type { HistogramSnapshot } from '../stats/histogram';

/** Where and what the load generator sends. */
export interface TargetSpec {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Closed loop: `concurrency` requests always in flight. Open loop: `rate` sends per second, whatever the answers do. */
export type LoadShape = { kind: 'closed'; concurrency: number } | { kind: 'open'; rate: number };

export interface StepSpec {
  target: TargetSpec;
  shape: LoadShape;
  durationMs: number;
  /** Answers are SSE streams (checked for their closing `[DONE]`). */
  stream: boolean;
}

export interface StepResult {
  /** Microseconds from the scheduled send time (open loop) or the actual send (closed loop) to the last byte. */
  latencyUs: HistogramSnapshot;
  /** Microseconds from the same origin to the first byte of the answer's body. */
  ttfbUs: HistogramSnapshot;
  /** Microseconds from the actual send to the last byte (differs from latencyUs only when sends were late). */
  serviceUs: HistogramSnapshot;
  /** Microseconds each open-loop send left after its scheduled time (the generator's own lateness). */
  sendLagUs: HistogramSnapshot;
  ok: number;
  errors: number;
  /** The first few distinct error descriptions. */
  errorSamples: string[];
  /** From the first send to the last answer. */
  elapsedMs: number;
}

export type WorkerRequest = { type: 'run'; id: number; step: StepSpec };
export type WorkerReply =
  { type: 'result'; id: number; result: StepResult } | { type: 'failed'; id: number; message: string };
