import { Histogram } from '../stats/histogram';
import type { StepResult } from './load-protocol';
import type { Exchange } from './send-request';

const MAX_ERROR_SAMPLES = 5;

/** Collects the exchanges of one step into histograms (µs) and error counts. */
export class StepRecorder {
  private readonly latency = new Histogram();
  private readonly ttfb = new Histogram();
  private readonly service = new Histogram();
  private readonly sendLag = new Histogram();
  private readonly errorSamples = new Set<string>();
  private ok = 0;
  private errors = 0;

  /**
   * `intendedAt`: when the request should have left (the origin of latency); `sentAt`: when it did.
   * Failed exchanges are counted, not timed.
   */
  exchange(intendedAt: bigint, sentAt: bigint, result: Exchange): void {
    if (result.error !== undefined) {
      this.failure(result.error);
      return;
    }
    this.ok++;
    this.latency.record(Number(result.endAt - intendedAt) / 1000);
    this.ttfb.record(Number(result.firstByteAt - intendedAt) / 1000);
    this.service.record(Number(result.endAt - sentAt) / 1000);
  }

  /** The generator's lateness for one open-loop send. */
  lag(intendedAt: bigint, sentAt: bigint): void {
    this.sendLag.record(Number(sentAt - intendedAt) / 1000);
  }

  failure(description: string): void {
    this.errors++;
    if (this.errorSamples.size < MAX_ERROR_SAMPLES) this.errorSamples.add(description);
  }

  result(elapsedMs: number): StepResult {
    return {
      latencyUs: this.latency.snapshot(),
      ttfbUs: this.ttfb.snapshot(),
      serviceUs: this.service.snapshot(),
      sendLagUs: this.sendLag.snapshot(),
      ok: this.ok,
      errors: this.errors,
      errorSamples: [...this.errorSamples],
      elapsedMs,
    };
  }
}
