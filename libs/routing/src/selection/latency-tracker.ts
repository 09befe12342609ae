/** Exponentially weighted moving average of each deployment's observed latency, in this process. */
export class LatencyTracker {
  private readonly averageById = new Map<string, number>();

  /** `alpha`: weight of the newest observation. */
  constructor(private readonly alpha = 0.3) {}

  observe(deploymentId: string, durationMs: number): void {
    const previous = this.averageById.get(deploymentId);
    this.averageById.set(
      deploymentId,
      previous === undefined ? durationMs : previous + this.alpha * (durationMs - previous),
    );
  }

  /** Undefined until the first observation. */
  average(deploymentId: string): number | undefined {
    return this.averageById.get(deploymentId);
  }
}
