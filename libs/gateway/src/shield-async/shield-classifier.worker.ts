import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { AuditProducer, auditStepEvent, type AuditStepInit } from '@verosek/audit';
import { KEYS_CLIENT, type KeysClient } from '@verosek/contracts';
import {
  COUNTERS,
  QUEUES,
  type CountersPort,
  type QueueConsumer,
  type QueueFactory,
} from '@verosek/platform';
import {
  classifyTexts,
  flaggedBy,
  ScoreCache,
  type ClassifierPolicy,
  type ClassifierScores,
} from '@verosek/shield';
import { CLASSIFIER_POLICY } from './classifier-policy.provider';
import { KeySuspension, SUSPENSION_WINDOW_MS } from './key-suspension';
import { parseShieldClassifierJob, SHIELD_QUEUE, type ShieldClassifierJob } from './shield-classifier-job';

export interface ShieldWorkerOptions {
  /** Jobs handled at once (the classifiers are synchronous; this overlaps the audit and counter I/O). */
  concurrency: number;
  /** Attempts before a job is kept as failed, with exponential backoff from backoffMs. */
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_SHIELD_WORKER_OPTIONS: ShieldWorkerOptions = {
  concurrency: 8,
  attempts: 5,
  backoffMs: 1000,
};
export const SHIELD_WORKER_OPTIONS = Symbol('SHIELD_WORKER_OPTIONS');

/** What one job concluded; also what the audit step records. */
export interface ShieldClassifierVerdict {
  scores: ClassifierScores;
  flagged: (keyof ClassifierScores)[];
  /** Set when the call's key was revoked for its flagged calls. */
  suspended?: { flaggedCalls: number };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Consumes the classification queue: scores each call's texts (prompt injection, toxicity), records
 * the verdict as a 'shield' step of the call in audit, and counts flagged calls per key, revoking a
 * key at `shield.classifiers.suspend_after` flagged calls within 24 h (recorded in audit with why).
 * shield-service runs it on BullMQ; embedded mode runs the same worker on the in-process queue.
 */
@Injectable()
export class ShieldClassifierWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShieldClassifierWorker.name);
  private readonly suspension: KeySuspension | undefined;
  private readonly options: ShieldWorkerOptions;
  /** Earlier turns of a conversation come back on every call: each text is scored once. */
  private readonly scoreCache = new ScoreCache();
  private consumer: QueueConsumer | undefined;

  constructor(
    @Inject(QUEUES) private readonly queues: QueueFactory,
    @Inject(COUNTERS) counters: CountersPort,
    @Inject(KEYS_CLIENT) keys: KeysClient,
    private readonly audit: AuditProducer,
    @Inject(CLASSIFIER_POLICY) private readonly policy: ClassifierPolicy,
    @Optional() @Inject(SHIELD_WORKER_OPTIONS) options?: Partial<ShieldWorkerOptions>,
  ) {
    this.options = { ...DEFAULT_SHIELD_WORKER_OPTIONS, ...options };
    this.suspension =
      policy.suspend_after === null ? undefined : new KeySuspension(counters, keys, policy.suspend_after);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.consumer) return;
    this.consumer = this.queues.consume<unknown>(
      SHIELD_QUEUE,
      (job) => this.handle(job.data).then(() => undefined),
      {
        concurrency: this.options.concurrency,
        attempts: this.options.attempts,
        backoffMs: this.options.backoffMs,
      },
    );
  }

  /** Stops taking jobs; those in flight finish first. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * One job. The verdict is recorded first; a key that could not be revoked fails the job, which the
   * queue retries. Both audit steps have ids derived from the call, so a retry records neither twice.
   */
  async handle(data: unknown): Promise<ShieldClassifierVerdict> {
    let job: ShieldClassifierJob;
    try {
      job = parseShieldClassifierJob(data);
    } catch (error) {
      this.logger.error(`shield classifier job refused: ${(error as Error).message}`);
      throw error;
    }
    const scores = classifyTexts(job.texts, this.scoreCache);
    const flagged = flaggedBy(scores, this.policy.thresholds);
    const verdict: ShieldClassifierVerdict = { scores, flagged };
    this.audit.record(
      auditStepEvent(this.stepOf(job, 'classifiers'), 'shield', {
        shield_verdicts: Object.fromEntries(flagged.map((task) => [task.toUpperCase(), 1])),
        details: {
          stage: 'classifiers',
          scores: { injection: round(scores.injection), toxicity: round(scores.toxicity) },
          thresholds: this.policy.thresholds,
          flagged,
        },
      }),
    );
    if (flagged.length === 0 || !this.suspension) return verdict;

    const outcome = await this.suspension.flagged(job.key_id);
    if (outcome.unknownKey)
      this.logger.warn(`key ${job.key_id} reached suspend_after but is unknown to keys-service`);
    if (!outcome.suspended) return verdict;
    verdict.suspended = { flaggedCalls: outcome.flaggedCalls };
    this.logger.warn(`key ${job.key_id} revoked: ${outcome.flaggedCalls} flagged calls within 24 h`);
    this.audit.record(
      auditStepEvent(this.stepOf(job, 'key_suspension'), 'shield', {
        details: {
          stage: 'key_suspension',
          action: 'revoked',
          reason: `${outcome.flaggedCalls} calls flagged by the classifiers within 24 h (shield.classifiers.suspend_after: ${this.policy.suspend_after})`,
          flagged_calls: outcome.flaggedCalls,
          window_hours: SUSPENSION_WINDOW_MS / 3_600_000,
          flagged_by: flagged,
        },
      }),
    );
    return verdict;
  }

  private stepOf(job: ShieldClassifierJob, stage: string): AuditStepInit {
    return {
      requestId: job.request_id,
      callId: job.call_id,
      keyId: job.key_id,
      surface: job.surface,
      modelGroup: job.model_group,
      idempotencyKey: `${job.call_id}:shield:${stage}`,
    };
  }
}
