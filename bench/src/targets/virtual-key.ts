import { request } from 'undici';

export interface CallerKey {
  /** The key the load generator sends as `Authorization: Bearer`. */
  key: string;
  /** Set when the master key had to stand in for a virtual key, with the reason. */
  fallbackReason?: string;
}

/** A generous daily budget: the budget is checked and charged on every call, never exhausted. */
const BENCH_BUDGET_USD = 1_000_000;

/**
 * Creates the virtual key the benchmark calls with (`POST /admin/keys`, master key), with a budget so that
 * budget reservation and settlement are on the path. Falls back to the master key, saying why, when the
 * admin API is not there.
 */
export async function provisionCallerKey(origin: string, masterKey: string): Promise<CallerKey> {
  let res;
  try {
    res = await request(`${origin}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', ttl_seconds: 86_400, budgets: { daily_usd: BENCH_BUDGET_USD } }),
    });
  } catch (err) {
    return { key: masterKey, fallbackReason: `POST /admin/keys failed: ${(err as Error).message}` };
  }
  const text = await res.body.text();
  if (res.statusCode !== 201 && res.statusCode !== 200) {
    return {
      key: masterKey,
      fallbackReason: `POST /admin/keys answered HTTP ${res.statusCode}: ${text.slice(0, 200)}`,
    };
  }
  const key = (JSON.parse(text) as { key?: unknown }).key;
  if (typeof key !== 'string')
    return { key: masterKey, fallbackReason: 'POST /admin/keys answered without a `key` field' };
  return { key };
}
