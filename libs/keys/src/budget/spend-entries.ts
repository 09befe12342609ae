import type { SpendEntryDto } from '@verosek/contracts';
import type { WindowKind } from './budget-window';

/** Identifies one key's spend in one window: `<key id>/<window>/<YYYY-MM-DD>`. */
export function spendKey(keyId: string, window: WindowKind, windowStart: string): string {
  return `${keyId}/${window}/${windowStart}`;
}

/** Adds an entry to a map of entries by spendKey, summing amounts of the same key and window. */
export function addSpendEntry(entries: Map<string, SpendEntryDto>, entry: SpendEntryDto): void {
  const id = spendKey(entry.key_id, entry.window, entry.window_start);
  const seen = entries.get(id);
  entries.set(id, seen ? { ...seen, micro_usd: seen.micro_usd + entry.micro_usd } : entry);
}
