/** Calls currently running against each deployment, in this process. */
export class InFlightCounter {
  private readonly countById = new Map<string, number>();

  start(deploymentId: string): void {
    this.countById.set(deploymentId, this.count(deploymentId) + 1);
  }

  finish(deploymentId: string): void {
    const remaining = this.count(deploymentId) - 1;
    if (remaining > 0) this.countById.set(deploymentId, remaining);
    else this.countById.delete(deploymentId);
  }

  count(deploymentId: string): number {
    return this.countById.get(deploymentId) ?? 0;
  }
}
