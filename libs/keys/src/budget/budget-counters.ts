import type { BudgetWindow } from '@verosek/platform';
import type { KeyRecord } from '@verosek/contracts';
import type { WindowKind } from './budget-window';
import { WINDOW_KINDS, windowEnd, windowStartDate } from './budget-window';

/** Counters outlive their window by a day, so that a late settle still finds them. */
const COUNTER_GRACE_MS = 86_400_000;

/** A budget counter of one key in one window. */
export interface BudgetCounter extends BudgetWindow {
  kind: WindowKind;
  /** `YYYY-MM-DD`. */
  windowStart: string;
  resetAt: Date;
}

/** The counters of the windows a key has a cap for, for the windows containing `at`. */
export function budgetCounters(record: KeyRecord, at: Date): BudgetCounter[] {
  return WINDOW_KINDS.filter((kind) => record.budgets[kind] !== null).map((kind) => {
    const windowStart = windowStartDate(kind, at);
    const resetAt = windowEnd(kind, at);
    return {
      key: `verosek:budget:${record.id}:${kind}:${windowStart}`,
      limit: record.budgets[kind]!,
      ttlMs: resetAt.getTime() - at.getTime() + COUNTER_GRACE_MS,
      kind,
      windowStart,
      resetAt,
    };
  });
}

export function hasBudget(record: KeyRecord | undefined): boolean {
  return record !== undefined && WINDOW_KINDS.some((kind) => record.budgets[kind] !== null);
}

/** Micro-USD left in the tightest window. */
export function remainingMicro(counters: BudgetCounter[], spent: number[]): number {
  return Math.max(0, Math.min(...counters.map((c, i) => c.limit - spent[i])));
}
