export type KeyStatus = 'active' | 'expired' | 'revoked';
export type SpendWindow = 'day' | 'week' | 'month';

export interface BudgetsView {
  daily_usd: number | null;
  weekly_usd: number | null;
  monthly_usd: number | null;
}

/** Spend of one budget window, as persisted by keys-service. */
export interface WindowSpendView {
  window: SpendWindow;
  /** ISO time the window started (UTC calendar). */
  window_start: string;
  /** ISO time the window's spend resets. */
  reset_at: string;
  spent_usd: number;
  limit_usd: number | null;
  remaining_usd: number | null;
}

/** A key as the admin API shows it: never its secret nor a hash of it. */
export interface KeyView {
  id: string;
  name: string;
  status: KeyStatus;
  created_at: string;
  updated_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** While a rotation's grace lasts: when the previous secret stops working. */
  previous_key_expires_at: string | null;
  models: string[] | null;
  budgets: BudgetsView;
  rpm_limit: number | null;
  tpm_limit: number | null;
  metadata: Record<string, unknown> | null;
  shield: Record<string, unknown> | null;
  tools: string[] | null;
  spend: WindowSpendView[];
}

/** Answer to create: the only time the full key is shown. */
export interface CreatedKeyView extends KeyView {
  key: string;
}

/** Answer to rotate: the new key, shown once. */
export interface RotatedKeyView {
  id: string;
  key: string;
  previous_key_expires_at: string | null;
}

/** Persisted spend of a key in one window, in micro-USD. */
export interface WindowSpend {
  window: SpendWindow;
  /** `YYYY-MM-DD`. */
  window_start: string;
  micro_usd: number;
}

/**
 * What the gateway needs to authenticate and admit a call, cached per key id. Holds the secret
 * hashes (never the secrets); times are epoch milliseconds so the hot path does no date parsing.
 */
export interface KeyRecord {
  id: string;
  secretHash: string;
  previousSecretHash: string | null;
  previousExpiresAt: number | null;
  expiresAt: number;
  revokedAt: number | null;
  models: string[] | null;
  /** Caps in micro-USD; null: no cap for that window. */
  budgets: { day: number | null; week: number | null; month: number | null };
  rpmLimit: number | null;
  tpmLimit: number | null;
  shield: Record<string, unknown> | null;
  tools: string[] | null;
  metadata: Record<string, unknown> | null;
}
