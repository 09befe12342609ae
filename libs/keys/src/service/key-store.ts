import type { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { VirtualKeyEntity } from '@verosek/persistence/entities/virtual-key.entity';
import type { WindowKind } from '../budget/budget-window';
import { spendKey } from '../budget/spend-entries';

export interface SpendIncrement {
  keyId: string;
  window: WindowKind;
  /** `YYYY-MM-DD`. */
  windowStart: string;
  microUsd: number;
}

export interface WindowRef {
  window: WindowKind;
  windowStart: string;
}

/** Postgres access for keys and their spend. Only keys-service writes here. */
export class KeyStore {
  private readonly keys: Repository<VirtualKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(VirtualKeyEntity);
  }

  newKey(fields: Partial<VirtualKeyEntity>): VirtualKeyEntity {
    return this.keys.create(fields);
  }

  async insert(key: VirtualKeyEntity): Promise<VirtualKeyEntity> {
    // insert, not save: a (vanishingly unlikely) id collision must fail, not overwrite a key.
    await this.keys.insert(key as QueryDeepPartialEntity<VirtualKeyEntity>);
    return this.keys.findOneByOrFail({ id: key.id });
  }

  save(key: VirtualKeyEntity): Promise<VirtualKeyEntity> {
    return this.keys.save(key);
  }

  find(id: string): Promise<VirtualKeyEntity | null> {
    return this.keys.findOneBy({ id });
  }

  list(limit: number, offset: number): Promise<VirtualKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** Marks keys whose expiry has passed and that no sweep has seen yet; returns their ids. */
  async markExpired(now: Date): Promise<string[]> {
    const result = await this.keys
      .createQueryBuilder()
      .update()
      .set({ expiredAt: now })
      .where('expires_at <= :now AND expired_at IS NULL', { now })
      .returning('id')
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /** Forgets the previous secret of keys whose rotation grace has ended; returns their ids. */
  async dropElapsedPreviousSecrets(now: Date): Promise<string[]> {
    const result = await this.keys
      .createQueryBuilder()
      .update()
      .set({ previousSecretHash: null, previousExpiresAt: null })
      .where('previous_expires_at <= :now', { now })
      .returning('id')
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /**
   * Adds a batch to the spend rows, unless a batch with this id was added before (its sender did not
   * hear back and sent it again); false then. Increments of keys that do not exist are dropped.
   */
  async addSpend(batchId: string, increments: SpendIncrement[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO virtual_key_spend_batches (id) VALUES ($1) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [batchId],
      );
      if (fresh.length === 0) return false;
      if (increments.length === 0) return true;
      const values = increments.map(
        (_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::date, $${i * 4 + 4}::bigint)`,
      );
      const params = increments.flatMap((inc) => [inc.keyId, inc.window, inc.windowStart, inc.microUsd]);
      await manager.query(
        `INSERT INTO virtual_key_spend (key_id, window_kind, window_start, spent_micro_usd)
       SELECT v.key_id, v.window_kind, v.window_start, v.amount
       FROM (VALUES ${values.join(', ')}) AS v (key_id, window_kind, window_start, amount)
       JOIN virtual_keys k ON k.id = v.key_id
       ON CONFLICT (key_id, window_kind, window_start)
       DO UPDATE SET spent_micro_usd = virtual_key_spend.spent_micro_usd + EXCLUDED.spent_micro_usd, updated_at = now()`,
        params,
      );
      return true;
    });
  }

  /** Forgets the ids of spend batches added before `before` (no sender retries that long). */
  async forgetSpendBatches(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM virtual_key_spend_batches WHERE recorded_at < $1`, [before]);
  }

  /** Persisted spend (micro-USD) of the given keys in the given windows, by spendKey(); absent rows are 0. */
  async spendOf(keyIds: string[], windows: WindowRef[]): Promise<Map<string, number>> {
    const spend = new Map<string, number>();
    if (keyIds.length === 0 || windows.length === 0) return spend;
    const rows: { key_id: string; window_kind: WindowKind; window_start: string; spent: string }[] =
      await this.dataSource.query(
        `SELECT key_id, window_kind, to_char(window_start, 'YYYY-MM-DD') AS window_start, spent_micro_usd AS spent
       FROM virtual_key_spend WHERE key_id = ANY($1) AND window_start = ANY($2::date[])`,
        [keyIds, windows.map((w) => w.windowStart)],
      );
    const wanted = new Set(windows.map((w) => `${w.window}/${w.windowStart}`));
    for (const row of rows) {
      if (wanted.has(`${row.window_kind}/${row.window_start}`)) {
        spend.set(spendKey(row.key_id, row.window_kind, row.window_start), Number(row.spent));
      }
    }
    return spend;
  }
}
