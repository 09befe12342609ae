import type { DataSource } from 'typeorm';
import type { AuditEvent } from '../audit-event';
import { AUDIT_EVENT_FIELDS } from '../audit-event';
import { AUDIT_TABLE } from '../audit-table';

const COLUMNS = AUDIT_EVENT_FIELDS.join(', ');

/**
 * One statement per batch whatever its size: the events travel as a single JSON parameter that
 * Postgres turns into rows of the table's own type (nested verdicts and details become jsonb). Much
 * cheaper than one bind parameter per column per row, for the client and for embedded PGlite alike.
 * Null fields are left out of the JSON (an absent key is NULL too): most of a step's 25 fields are
 * null, and Postgres parses the parameter twice (json input, then the record), a third of it nulls.
 * It answers one row, how many events were new, rather than one row per new event.
 */
const INSERT = `WITH inserted AS (
  INSERT INTO ${AUDIT_TABLE} (${COLUMNS})
  SELECT ${COLUMNS} FROM json_populate_recordset(NULL::${AUDIT_TABLE}, $1)
  ON CONFLICT (id) DO NOTHING RETURNING 1)
  SELECT count(*)::int AS inserted FROM inserted`;

/** Inserts audit events; an id already stored is skipped, so a re-delivered event never doubles a row. */
export class AuditWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many rows were new. */
  async insert(events: AuditEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const [row]: Array<{ inserted: number }> = await this.dataSource.query(INSERT, [
      JSON.stringify(events.map(withoutNullFields)),
    ]);
    return row.inserted;
  }
}

function withoutNullFields(event: AuditEvent): Partial<AuditEvent> {
  const present: Record<string, unknown> = {};
  for (const field of AUDIT_EVENT_FIELDS) if (event[field] !== null) present[field] = event[field];
  return present;
}
