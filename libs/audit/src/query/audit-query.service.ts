import type { DataSource } from 'typeorm';
import type { AuditEvent } from '../audit-event';
import { AUDIT_EVENT_FIELDS } from '../audit-event';
import { AUDIT_TABLE } from '../audit-table';
import { AuditRow, rowToEvent } from './audit-row';
import { encodeCursor } from './cursor';
import type { AuditListQuery, SpendGrouping, SpendQuery } from './query-params';

export interface AuditPage {
  data: AuditEvent[];
  next_cursor: string | null;
}

export interface AuditCallDetail {
  call: AuditEvent;
  steps: AuditEvent[];
}

export interface SpendRow {
  /** The key id, the model group, or the UTC day (YYYY-MM-DD), per group_by. */
  group: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  cost_usd: number;
}

const COLUMNS = AUDIT_EVENT_FIELDS.join(', ');

const GROUP_EXPRESSION: Record<SpendGrouping, string> = {
  key: 'key_id',
  model: 'model_group',
  day: `to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};

const GROUP_ORDER: Record<SpendGrouping, string> = {
  key: 'cost_usd DESC, "group"',
  model: 'cost_usd DESC, "group"',
  day: '"group"',
};

/** Read-only queries behind the admin audit and spend endpoints. Only call records are listed and summed. */
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paginated on (started_at, id). */
  async list(query: AuditListQuery): Promise<AuditPage> {
    const where = ['parent_id IS NULL'];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.keyId !== undefined) where.push(`key_id = ${bind(query.keyId)}`);
    if (query.requestId !== undefined) where.push(`request_id = ${bind(query.requestId)}`);
    if (query.model !== undefined) where.push(`model_group = ${bind(query.model)}`);
    if (query.from !== undefined) where.push(`started_at >= ${bind(query.from)}`);
    if (query.to !== undefined) where.push(`started_at < ${bind(query.to)}`);
    if (query.cursor !== undefined) {
      where.push(
        `(started_at, id) < (${bind(query.cursor.startedAt)}::timestamptz, ${bind(query.cursor.id)}::uuid)`,
      );
    }
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${AUDIT_TABLE} WHERE ${where.join(' AND ')}
       ORDER BY started_at DESC, id DESC LIMIT ${bind(query.limit + 1)}`,
      params,
    );
    const data = rows.slice(0, query.limit).map(rowToEvent);
    const last = data[data.length - 1];
    const next_cursor =
      rows.length > query.limit ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null;
    return { data, next_cursor };
  }

  /** The call record of a request with its steps in the order they started; null when unknown. */
  async byRequestId(requestId: string): Promise<AuditCallDetail | null> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${AUDIT_TABLE} WHERE request_id = $1 ORDER BY started_at, id`,
      [requestId],
    );
    const events = rows.map(rowToEvent);
    const call = events.find((event) => event.parent_id === null);
    if (!call) return null;
    return { call, steps: events.filter((event) => event.parent_id === call.id) };
  }

  async spend(query: SpendQuery): Promise<SpendRow[]> {
    const where = ['parent_id IS NULL'];
    const params: unknown[] = [];
    if (query.from !== undefined) where.push(`started_at >= $${params.push(query.from)}`);
    if (query.to !== undefined) where.push(`started_at < $${params.push(query.to)}`);
    const rows: Record<keyof SpendRow, string | null>[] = await this.dataSource.query(
      `SELECT ${GROUP_EXPRESSION[query.groupBy]} AS "group",
              count(*) AS calls,
              coalesce(sum(input_tokens), 0) AS input_tokens,
              coalesce(sum(output_tokens), 0) AS output_tokens,
              coalesce(sum(cached_tokens), 0) AS cached_tokens,
              coalesce(sum(cost_usd), 0) AS cost_usd
       FROM ${AUDIT_TABLE} WHERE ${where.join(' AND ')}
       GROUP BY 1 ORDER BY ${GROUP_ORDER[query.groupBy]}`,
      params,
    );
    return rows.map((row) => ({
      group: row.group,
      calls: Number(row.calls),
      input_tokens: Number(row.input_tokens),
      output_tokens: Number(row.output_tokens),
      cached_tokens: Number(row.cached_tokens),
      cost_usd: Number(row.cost_usd),
    }));
  }
}
