import { sampleTrees } from '../probes/proc-stat';

export interface QuiesceOptions {
  /** Always wait at least this long (a step's last responses, timers due right after it). */
  minMs: number;
  /** Give up after this long: a target that never rests must not stall the run. */
  maxMs: number;
  /** CPU is read once per window (/proc counts it in 10 ms ticks: a window must hold several)... */
  windowMs: number;
  /** ...and the targets are at rest once a window used at most this share of one core. */
  idleShare: number;
}

/**
 * Every target stays up for the whole run, so what one step leaves behind (audit batches still being
 * written, a classifier queue draining, the cluster companions catching up) runs during the next step,
 * whichever target that measures: in session 8, while the embedded gateway's database thread ran at
 * normal priority, the bare proxy's saturation steps lost about a quarter of their throughput. So the
 * next step starts only once the targets' processes have gone quiet.
 */
export const DEFAULT_QUIESCE_OPTIONS: QuiesceOptions = {
  minMs: 150,
  maxMs: 3_000,
  windowMs: 250,
  idleShare: 0.1,
};

export interface QuiesceResult {
  waitedMs: number;
  /** False when maxMs passed first. */
  quiet: boolean;
}

export interface QuiesceProbe {
  /** Summed CPU milliseconds the processes have used so far. */
  cpuMs(pids: number[]): number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

const SYSTEM_PROBE: QuiesceProbe = {
  cpuMs: (pids) => sampleTrees(pids).cpuMs,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
};

/** Waits until the processes (and their descendants) use at most idleShare of a core over a window. */
export async function quiesce(
  pids: number[],
  options: QuiesceOptions = DEFAULT_QUIESCE_OPTIONS,
  probe: QuiesceProbe = SYSTEM_PROBE,
): Promise<QuiesceResult> {
  const start = probe.now();
  await probe.sleep(options.minMs);
  let before = probe.cpuMs(pids);
  for (;;) {
    await probe.sleep(options.windowMs);
    const after = probe.cpuMs(pids);
    const waitedMs = probe.now() - start;
    if (after - before <= options.windowMs * options.idleShare) return { waitedMs, quiet: true };
    if (waitedMs >= options.maxMs) return { waitedMs, quiet: false };
    before = after;
  }
}
