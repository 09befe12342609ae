import type { KeyRecord, KeysClient, SpendEntryDto, WindowSpend } from '@verosek/contracts';
import { formatKey, newKeyId, newSecret } from '../key-format';
import { hashSecret } from '../secret-hash';

/** Unit-test stand-in for keys-service: records in memory, counts lookups, keeps recorded spend. */
export class FakeKeysClient implements Pick<KeysClient, 'lookup' | 'spend' | 'recordSpend'> {
  readonly records = new Map<string, KeyRecord>();
  readonly persisted: WindowSpend[] = [];
  readonly recorded: SpendEntryDto[][] = [];
  /** The batch id each recorded batch was sent with. */
  readonly batchIds: string[] = [];
  lookups = 0;

  /** Adds a key and returns the raw key. */
  addKey(overrides: Partial<KeyRecord> = {}): { rawKey: string; record: KeyRecord; secret: string } {
    const id = newKeyId();
    const secret = newSecret();
    const record: KeyRecord = {
      id,
      secretHash: hashSecret(secret),
      previousSecretHash: null,
      previousExpiresAt: null,
      expiresAt: Date.now() + 3_600_000,
      revokedAt: null,
      models: null,
      budgets: { day: null, week: null, month: null },
      rpmLimit: null,
      tpmLimit: null,
      shield: null,
      tools: null,
      metadata: null,
      ...overrides,
    };
    this.records.set(id, record);
    return { rawKey: formatKey(id, secret), record, secret };
  }

  async lookup(keyId: string): Promise<KeyRecord | null> {
    this.lookups++;
    return this.records.get(keyId) ?? null;
  }

  async spend(keyId: string): Promise<WindowSpend[]> {
    return this.records.has(keyId) ? this.persisted : [];
  }

  async recordSpend(batchId: string, entries: SpendEntryDto[]): Promise<void> {
    this.batchIds.push(batchId);
    this.recorded.push(entries);
  }
}
