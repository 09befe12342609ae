import type { DataSource } from 'typeorm';
import { AUDIT_TABLE } from '../audit-table';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes audit rows older than the retention, a chunk at a time so no statement holds many locks
 * or a long transaction. Calls go first (a call starts before its steps); a step left behind for a
 * moment goes with the next chunk.
 */
export class AuditRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionDays: number,
    private readonly chunkSize = 5_000,
  ) {}

  cutoff(now: number = Date.now()): Date {
    return new Date(now - this.retentionDays * DAY_MS);
  }

  /** Returns how many rows were deleted. */
  async purge(now: number = Date.now()): Promise<number> {
    const cutoff = this.cutoff(now);
    const runner = this.dataSource.createQueryRunner();
    try {
      let total = 0;
      for (;;) {
        const { affected } = await runner.query(
          `DELETE FROM ${AUDIT_TABLE} WHERE id IN (
             SELECT id FROM ${AUDIT_TABLE} WHERE started_at < $1 ORDER BY started_at LIMIT $2
           )`,
          [cutoff, this.chunkSize],
          true,
        );
        total += affected ?? 0;
        if ((affected ?? 0) < this.chunkSize) return total;
      }
    } finally {
      await runner.release();
    }
  }
}
