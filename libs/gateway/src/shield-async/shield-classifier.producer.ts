import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { QUEUES, type QueueFactory, type QueueProducer } from '@verosek/platform';
import type { ClassifierPolicy } from '@verosek/shield';
import { CLASSIFIER_POLICY } from './classifier-policy.provider';
import {
  parseShieldClassifierJob,
  SHIELD_QUEUE,
  shieldJobId,
  type ShieldClassifierJob,
} from './shield-classifier-job';

/** Draws a number in [0, 1) for sampling; tests inject a fixed one. */
export const SHIELD_SAMPLER = Symbol('SHIELD_SAMPLER');

/** Sends still in flight; beyond this a call is not classified rather than queued in memory. */
const MAX_IN_FLIGHT = 1000;
/** Characters of a call's texts put on the queue; the classifiers judge the beginning of longer ones. */
export const MAX_JOB_CHARS = 64 * 1024;

function capTexts(texts: string[]): string[] {
  const out: string[] = [];
  let left = MAX_JOB_CHARS;
  for (const text of texts) {
    if (left <= 0) break;
    out.push(text.length <= left ? text : text.slice(0, left));
    left -= text.length;
  }
  return out;
}

/**
 * The hot path's side of the asynchronous classifiers: enqueue() samples the call per
 * `shield.classifiers.sample_rate` and hands the job to the queue without waiting. The classifiers
 * are a signal for audit and key suspension, never a gate: a send that fails is logged and dropped.
 */
@Injectable()
export class ShieldClassifierProducer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShieldClassifierProducer.name);
  private readonly queue: QueueProducer<ShieldClassifierJob>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sample: () => number;

  constructor(
    @Inject(QUEUES) queues: QueueFactory,
    @Inject(CLASSIFIER_POLICY) private readonly policy: ClassifierPolicy,
    @Optional() @Inject(SHIELD_SAMPLER) sampler?: () => number,
  ) {
    this.queue = queues.producer<ShieldClassifierJob>(SHIELD_QUEUE);
    this.sample = sampler ?? Math.random;
  }

  /**
   * Call after Shield pre with the texts it let through (redacted). Returns at once: true when the
   * call was sampled and its job handed to the queue, false when it was not sampled, malformed, or
   * too many sends are pending.
   */
  enqueue(job: ShieldClassifierJob): boolean {
    if (this.sample() >= this.policy.sample_rate) return false;
    if (this.inFlight.size >= MAX_IN_FLIGHT) return false;
    let data: ShieldClassifierJob;
    try {
      data = parseShieldClassifierJob(job);
    } catch (error) {
      this.logger.warn(`not classified: ${(error as Error).message}`);
      return false;
    }
    const sending = this.queue
      .add({ id: shieldJobId(data.request_id), data: { ...data, texts: capTexts(data.texts) } })
      .catch((error: Error) =>
        this.logger.warn(`call ${data.request_id} not classified: queue send failed: ${error.message}`),
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
    return true;
  }

  /** Lets the sends in flight finish before the queue connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
