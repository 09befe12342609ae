import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { KeysClient, WindowSpend } from '@verosek/contracts';
import { KEYS_CLIENT } from '@verosek/contracts';
import type { CountersPort } from '@verosek/platform';
import { COUNTERS } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { LRUCache } from 'lru-cache';
import type { CallerIdentity } from '../auth/caller-identity';
import type { BudgetCounter } from './budget-counters';
import { budgetCounters, hasBudget, remainingMicro } from './budget-counters';
import { microToUsd, usdToMicro, usdToMicroCeil } from './money';
import { SpendRecorder } from './spend-recorder';

/** A budget hold for one call, to settle once its real cost is known. */
export interface Reservation {
  keyId: string;
  /** The call's cost counts in the windows that contained this moment, even if one ends meanwhile. */
  startedAt: Date;
  /** Counters of the key's capped windows; empty when the key has no budget. */
  counters: BudgetCounter[];
  reservedMicro: number;
  /** Spend per counter after the reservation. */
  spent: number[];
  /** The master key's calls are neither capped nor recorded. */
  record: boolean;
}

export interface Settlement {
  /** USD left in the tightest window; undefined when the key has no budget. */
  remainingUsd: number | undefined;
}

/** How long "Postgres has no spend for this window" is trusted before asking again. */
const ZERO_SPEND_TTL_MS = 5_000;

/**
 * Daily / weekly / monthly budgets on the hot path: an atomic reservation of the worst-case cost over
 * all capped windows (one Redis script, so replicas cannot overspend together), then a settle to the
 * real cost, persisted to Postgres in batches. A counter that Redis lost is seeded again from Postgres.
 * When spend cannot be checked, a budgeted key is refused (503), never let through.
 */
@Injectable()
export class BudgetService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BudgetService.name);
  private readonly zeroSpend = new LRUCache<string, true>({ max: 100_000, ttl: ZERO_SPEND_TTL_MS });
  /** Counter adjustments sent and not yet acknowledged. */
  private readonly adjusting = new Set<Promise<void>>();
  /** Seedings from Postgres under way, by the absent counters' keys. */
  private readonly seeding = new Map<string, Promise<void>>();

  constructor(
    @Inject(COUNTERS) private readonly counters: CountersPort,
    @Inject(KEYS_CLIENT) private readonly keys: KeysClient,
    private readonly recorder: SpendRecorder,
  ) {}

  isBudgeted(identity: CallerIdentity): boolean {
    return hasBudget(identity.record);
  }

  /** Holds `worstCaseUsd` in every capped window; throws 429 `budget_exceeded` if any would go over. */
  async reserve(identity: CallerIdentity, worstCaseUsd: number): Promise<Reservation> {
    requireUsd(worstCaseUsd, 'worstCaseUsd');
    const startedAt = new Date();
    const reservedMicro = usdToMicroCeil(worstCaseUsd);
    const base = { keyId: identity.keyId, startedAt, reservedMicro, record: !identity.isMaster };
    if (!identity.record || !hasBudget(identity.record)) return { ...base, counters: [], spent: [] };

    const counters = budgetCounters(identity.record, startedAt);
    let result = await this.guard(() => this.counters.reserve(this.mustExist(counters), reservedMicro));
    const { missingKeys } = result;
    if (missingKeys) {
      await this.seedOnce(
        identity.keyId,
        counters.filter((c) => missingKeys.includes(c.key)),
      );
      result = await this.guard(() => this.counters.reserve(counters, reservedMicro));
    }
    if (!result.ok) {
      const index = Math.max(
        0,
        counters.findIndex((c) => c.key === result.exceededKey),
      );
      throw exceeded(counters[index], result.spent[index] ?? 0, reservedMicro);
    }
    return { ...base, counters, spent: result.spent };
  }

  /**
   * Replaces the hold by the real cost (0 for a call that failed) and queues it for Postgres. The
   * counter adjustment is not waited for: the answer does not need it, and until it lands the key
   * holds the worst case (over-charged for a moment, never under). What is left is reckoned from
   * this call's reservation.
   */
  settle(reservation: Reservation, actualUsd: number): Settlement {
    requireUsd(actualUsd, 'actualUsd');
    const actualMicro = usdToMicro(actualUsd);
    const delta = actualMicro - reservation.reservedMicro;
    if (reservation.counters.length > 0 && delta !== 0) this.adjust(reservation, delta);
    if (reservation.record && actualMicro > 0)
      this.recorder.record(reservation.keyId, reservation.startedAt, actualMicro);
    const spent = reservation.spent.map((value) => value + delta);
    return {
      remainingUsd:
        reservation.counters.length > 0 ? microToUsd(remainingMicro(reservation.counters, spent)) : undefined,
    };
  }

  /** Resolves once every counter adjustment sent so far has landed (or failed, logged). */
  async drained(): Promise<void> {
    await Promise.all(this.adjusting);
  }

  /** Lets adjustments in flight land before the counters' connection closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.drained();
  }

  private adjust(reservation: Reservation, delta: number): void {
    const adjusting = this.counters.adjust(reservation.counters, delta).then(
      () => undefined,
      (err: Error) => {
        // The hold stays on the counter: the key is over-charged until the window resets, never under.
        this.logger.warn(`settling key ${reservation.keyId} failed: ${err.message}`);
      },
    );
    this.adjusting.add(adjusting);
    void adjusting.finally(() => this.adjusting.delete(adjusting));
  }

  /** USD left in the key's tightest window now (for `x-verosek-budget-remaining`); undefined without a budget. */
  async remaining(identity: CallerIdentity): Promise<number | undefined> {
    if (!identity.record || !hasBudget(identity.record)) return undefined;
    const counters = budgetCounters(identity.record, new Date());
    const spent = await this.guard(() => this.counters.read(counters.map((c) => c.key)));
    return microToUsd(remainingMicro(counters, spent));
  }

  /**
   * An absent counter is either unused or was lost with a Redis restart; Postgres tells which. The
   * reservation itself reports absent counters (one round trip on the hot path), except those
   * Postgres recently said have no spend.
   */
  private mustExist(counters: BudgetCounter[]): BudgetCounter[] {
    return counters.map((c) => (this.zeroSpend.has(c.key) ? c : { ...c, mustExist: true }));
  }

  /**
   * A burst of calls on a key whose counters are absent (its first calls in a window, or Redis lost
   * them) would each ask Postgres for the same spend: they share one lookup instead. Under load, 200
   * concurrent first calls made 200 lookups, and those that timed out were refused with a 503.
   */
  private seedOnce(keyId: string, absent: BudgetCounter[]): Promise<void> {
    const flight = absent.map((c) => c.key).join(' ');
    let seeding = this.seeding.get(flight);
    if (!seeding) {
      seeding = this.seedLostCounters(keyId, absent).finally(() => this.seeding.delete(flight));
      this.seeding.set(flight, seeding);
    }
    return seeding;
  }

  /** Seeds lost counters back from Postgres (only if still absent, so a racing replica's reservation stays). */
  private async seedLostCounters(keyId: string, absent: BudgetCounter[]): Promise<void> {
    const persisted = await this.guard(() => this.keys.spend(keyId));
    for (const counter of absent) {
      const micro = persistedSpend(persisted, counter);
      if (micro > 0) await this.guard(() => this.counters.seed(counter.key, micro, counter.ttlMs));
      else this.zeroSpend.set(counter.key, true);
    }
  }

  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      throw new GatewayError('unavailable', `budget cannot be checked: ${(err as Error).message}`, {
        code: 'budget_unavailable',
      });
    }
  }
}

/** A caller's bug, not a budget problem: must not turn into a 503 or a 429. */
function requireUsd(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`BudgetService: ${name} must be a finite amount >= 0, got ${value}`);
}

function persistedSpend(persisted: WindowSpend[], counter: BudgetCounter): number {
  return (
    persisted.find((p) => p.window === counter.kind && p.window_start === counter.windowStart)?.micro_usd ?? 0
  );
}

const WINDOW_NAME = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

function exceeded(counter: BudgetCounter, spentMicro: number, reservedMicro: number): GatewayError {
  const budget = `${WINDOW_NAME[counter.kind]} budget of $${microToUsd(counter.limit).toFixed(2)}`;
  const left = Math.max(0, counter.limit - spentMicro);
  const message =
    left === 0
      ? `the ${budget} of this key is used up`
      : `this call may cost up to $${microToUsd(reservedMicro).toFixed(6)}, more than the $${microToUsd(left).toFixed(6)} left of the ${budget} of this key`;
  return new GatewayError('budget_exceeded', `${message}; it resets at ${counter.resetAt.toISOString()}`, {
    code: 'budget_exceeded',
  });
}
