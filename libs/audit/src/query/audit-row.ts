import type { AuditEvent } from '../audit-event';

/** A row as the pg driver returns it: timestamps as Date, numeric as string. */
export type AuditRow = Omit<AuditEvent, 'started_at' | 'ended_at' | 'cost_usd'> & {
  started_at: Date;
  ended_at: Date | null;
  cost_usd: string | null;
};

export function rowToEvent(row: AuditRow): AuditEvent {
  return {
    ...row,
    cost_usd: row.cost_usd === null ? null : Number(row.cost_usd),
    started_at: row.started_at.toISOString(),
    ended_at: row.ended_at === null ? null : row.ended_at.toISOString(),
  };
}
