import { Histogram } from '../stats/histogram';

export interface CallTimings {
  /** Per call, nanoseconds. */
  perCallNs: Histogram;
  calls: number;
}

/**
 * Times `fn` call by call (hrtime, ns) after `warmup` unmeasured calls that let the JIT settle. Every
 * `yieldEvery` calls it yields to the event loop, so that timers the code under test relies on can run.
 */
export async function timeCalls(
  fn: (i: number) => unknown,
  options: { calls: number; warmup: number; yieldEvery?: number },
): Promise<CallTimings> {
  const yieldEvery = options.yieldEvery ?? 0;
  for (let i = 0; i < options.warmup; i++) {
    await fn(i);
    if (yieldEvery && i % yieldEvery === yieldEvery - 1) await nextTurn();
  }
  const perCallNs = new Histogram();
  for (let i = 0; i < options.calls; i++) {
    const start = process.hrtime.bigint();
    const pending = fn(i);
    if (pending instanceof Promise) await pending;
    perCallNs.record(Number(process.hrtime.bigint() - start));
    if (yieldEvery && i % yieldEvery === yieldEvery - 1) await nextTurn();
  }
  return { perCallNs, calls: options.calls };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
