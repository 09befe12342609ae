/**
 * Caches a metric's children (prom-client's, or a BucketHistogram's series) per label values in nested
 * maps, so that the hot path neither builds a label key string nor asks prom-client to hash its labels
 * once a combination has been seen.
 */
export class ChildCache<C> {
  private readonly root = new Map<string, unknown>();

  constructor(private readonly create: (...labels: string[]) => C) {}

  get(...labels: string[]): C {
    let level = this.root;
    for (let i = 0; i < labels.length - 1; i++) {
      let next = level.get(labels[i]) as Map<string, unknown> | undefined;
      if (!next) level.set(labels[i], (next = new Map<string, unknown>()));
      level = next;
    }
    const last = labels[labels.length - 1];
    let child = level.get(last) as C | undefined;
    if (child === undefined) level.set(last, (child = this.create(...labels)));
    return child;
  }
}
