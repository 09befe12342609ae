import { checkScriptedAnswer, type ScriptedAnswer, type ScriptedFailure } from './answer';

interface PlannedFailures {
  remaining: number;
  failure: ScriptedFailure;
}

/**
 * What a fake answers next to a model call: first a fault plan ("fail the next N calls with X"),
 * then the fail rate, then the scripted queue (first answer for this model or for any), else
 * nothing (the fake's default answer).
 */
export class AnswerBook {
  private queue: ScriptedAnswer[] = [];
  private plans: PlannedFailures[] = [];
  private failRate = 0;
  private rateFailure: ScriptedFailure = { error: { status: 500 } };
  private random = mulberry32(1);

  script(...answers: ScriptedAnswer[]): void {
    answers.forEach(checkScriptedAnswer);
    this.queue.push(...answers);
  }

  failNext(count: number, failure: ScriptedFailure): void {
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`failNext: count must be a positive integer, got ${count}`);
    checkScriptedAnswer(failure);
    this.plans.push({ remaining: count, failure });
  }

  /** Fails this share of calls (0..1), reproducibly for a given seed. */
  setFailRate(rate: number, failure: ScriptedFailure = { error: { status: 500 } }, seed = 1): void {
    if (!(rate >= 0 && rate <= 1)) throw new Error(`setFailRate: rate must be within 0..1, got ${rate}`);
    checkScriptedAnswer(failure);
    this.failRate = rate;
    this.rateFailure = failure;
    this.random = mulberry32(seed);
  }

  /** Scripted answers not consumed yet. */
  pending(): number {
    return this.queue.length;
  }

  next(model: string | undefined): ScriptedAnswer | undefined {
    const plan = this.plans[0];
    if (plan) {
      if (--plan.remaining === 0) this.plans.shift();
      return plan.failure;
    }
    if (this.failRate > 0 && this.random() < this.failRate) return this.rateFailure;
    const index = this.queue.findIndex((a) => a.model === undefined || a.model === model);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  reset(): void {
    this.queue = [];
    this.plans = [];
    this.failRate = 0;
  }
}

/** Small seeded PRNG so that a fail rate picks the same calls on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
