import type { DataSource } from 'typeorm';
import type { AuditEvent } from '../audit-event';
import { AUDIT_EVENT_FIELDS } from '../audit-event';
import { AUDIT_TABLE } from '../audit-table';

const JSON_FIELDS: ReadonlySet<string> = new Set(['shield_verdicts', 'details']);
const COLUMNS = AUDIT_EVENT_FIELDS.join(', ');
/** Postgres allows 65535 bind parameters per statement. */
export const MAX_ROWS_PER_INSERT = Math.floor(65535 / AUDIT_EVENT_FIELDS.length);

/** Inserts audit events; an id already stored is skipped, so a re-delivered event never doubles a row. */
export class AuditWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many rows were new. */
  async insert(events: AuditEvent[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < events.length; i += MAX_ROWS_PER_INSERT) {
      inserted += await this.insertChunk(events.slice(i, i + MAX_ROWS_PER_INSERT));
    }
    return inserted;
  }

  private async insertChunk(events: AuditEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const params: unknown[] = [];
    const tuples = events.map((event) => {
      const placeholders = AUDIT_EVENT_FIELDS.map((field) => {
        const value = event[field];
        params.push(JSON_FIELDS.has(field) && value !== null ? JSON.stringify(value) : value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO ${AUDIT_TABLE} (${COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    );
    return rows.length;
  }
}
