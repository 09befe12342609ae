import type { BudgetsDto, KeyRecord, KeyStatus, KeyView, WindowSpendView } from '@verosek/contracts';
import type { VirtualKeyEntity } from '@verosek/persistence/entities/virtual-key.entity';
import type { WindowKind } from '../budget/budget-window';
import { WINDOW_KINDS, windowEnd, windowStart, windowStartDate } from '../budget/budget-window';
import { microToUsd, usdToMicro } from '../budget/money';
import { spendKey } from '../budget/spend-entries';

const BUDGET_FIELD: Record<
  WindowKind,
  'budgetDailyMicroUsd' | 'budgetWeeklyMicroUsd' | 'budgetMonthlyMicroUsd'
> = {
  day: 'budgetDailyMicroUsd',
  week: 'budgetWeeklyMicroUsd',
  month: 'budgetMonthlyMicroUsd',
};

const BUDGET_DTO_FIELD: Record<WindowKind, keyof BudgetsDto> = {
  day: 'daily_usd',
  week: 'weekly_usd',
  month: 'monthly_usd',
};

export function keyStatus(key: VirtualKeyEntity, now: Date): KeyStatus {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** Sets the budget caps named in `budgets` (absent: unchanged; null: no cap). `null` budgets clears all. */
export function applyBudgets(key: VirtualKeyEntity, budgets: BudgetsDto | null | undefined): void {
  if (budgets === undefined) return;
  for (const kind of WINDOW_KINDS) {
    const usd = budgets === null ? null : budgets[BUDGET_DTO_FIELD[kind]];
    if (usd !== undefined) key[BUDGET_FIELD[kind]] = usd === null ? null : usdToMicro(usd);
  }
}

export function budgetCapMicro(key: VirtualKeyEntity, kind: WindowKind): number | null {
  return key[BUDGET_FIELD[kind]];
}

/** The admin view; `spend` maps spendKey() to persisted micro-USD. */
export function toKeyView(key: VirtualKeyEntity, spend: Map<string, number>, now: Date): KeyView {
  const cap = (kind: WindowKind) => {
    const micro = budgetCapMicro(key, kind);
    return micro === null ? null : microToUsd(micro);
  };
  return {
    id: key.id,
    name: key.name,
    status: keyStatus(key, now),
    created_at: key.createdAt.toISOString(),
    updated_at: key.updatedAt.toISOString(),
    expires_at: key.expiresAt.toISOString(),
    revoked_at: key.revokedAt?.toISOString() ?? null,
    previous_key_expires_at:
      key.previousExpiresAt && key.previousExpiresAt > now ? key.previousExpiresAt.toISOString() : null,
    models: key.models,
    budgets: { daily_usd: cap('day'), weekly_usd: cap('week'), monthly_usd: cap('month') },
    rpm_limit: key.rpmLimit,
    tpm_limit: key.tpmLimit,
    metadata: key.metadata,
    shield: key.shield,
    tools: key.tools,
    spend: WINDOW_KINDS.map((kind) => windowSpendView(key, kind, spend, now)),
  };
}

function windowSpendView(
  key: VirtualKeyEntity,
  kind: WindowKind,
  spend: Map<string, number>,
  now: Date,
): WindowSpendView {
  const spentMicro = spend.get(spendKey(key.id, kind, windowStartDate(kind, now))) ?? 0;
  const capMicro = budgetCapMicro(key, kind);
  return {
    window: kind,
    window_start: windowStart(kind, now).toISOString(),
    reset_at: windowEnd(kind, now).toISOString(),
    spent_usd: microToUsd(spentMicro),
    limit_usd: capMicro === null ? null : microToUsd(capMicro),
    remaining_usd: capMicro === null ? null : microToUsd(Math.max(0, capMicro - spentMicro)),
  };
}

/** What the gateway caches and authenticates against. */
export function toKeyRecord(key: VirtualKeyEntity): KeyRecord {
  return {
    id: key.id,
    secretHash: key.secretHash,
    previousSecretHash: key.previousSecretHash,
    previousExpiresAt: key.previousExpiresAt?.getTime() ?? null,
    expiresAt: key.expiresAt.getTime(),
    revokedAt: key.revokedAt?.getTime() ?? null,
    models: key.models,
    budgets: {
      day: key.budgetDailyMicroUsd,
      week: key.budgetWeeklyMicroUsd,
      month: key.budgetMonthlyMicroUsd,
    },
    rpmLimit: key.rpmLimit,
    tpmLimit: key.tpmLimit,
    shield: key.shield,
    tools: key.tools,
    metadata: key.metadata,
  };
}
