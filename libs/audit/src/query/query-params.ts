import { AuditQueryError } from './audit-query-error';
import { AuditCursor, decodeCursor } from './cursor';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const MAX_ID_LENGTH = 256;

export interface AuditListQuery {
  keyId?: string;
  requestId?: string;
  /** Model group. */
  model?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  cursor?: AuditCursor;
}

export const SPEND_GROUPINGS = ['key', 'model', 'day'] as const;
export type SpendGrouping = (typeof SPEND_GROUPINGS)[number];

export interface SpendQuery {
  groupBy: SpendGrouping;
  from?: Date;
  to?: Date;
}

type RawQuery = Record<string, unknown>;

/** `GET /admin/audit` query string; unknown or malformed parameters are refused by name. */
export function parseAuditListQuery(raw: RawQuery): AuditListQuery {
  const params = new QueryParams(raw, ['key_id', 'request_id', 'model', 'from', 'to', 'limit', 'cursor']);
  const limitText = params.string('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new AuditQueryError('limit', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
  }
  const cursor = params.string('cursor');
  return {
    keyId: params.string('key_id'),
    requestId: params.string('request_id'),
    model: params.string('model'),
    ...params.timeRange(),
    limit,
    cursor: cursor === undefined ? undefined : decodeCursor(cursor),
  };
}

/** `GET /admin/spend` query string. */
export function parseSpendQuery(raw: RawQuery): SpendQuery {
  const params = new QueryParams(raw, ['group_by', 'from', 'to']);
  const groupBy = params.string('group_by') ?? 'key';
  if (!SPEND_GROUPINGS.includes(groupBy as SpendGrouping)) {
    throw new AuditQueryError('group_by', `must be one of ${SPEND_GROUPINGS.join(', ')}`);
  }
  return { groupBy: groupBy as SpendGrouping, ...params.timeRange() };
}

class QueryParams {
  constructor(
    private readonly raw: RawQuery,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(raw).find((name) => !allowed.includes(name));
    if (unknown !== undefined)
      throw new AuditQueryError(unknown, `is not supported (use ${allowed.join(', ')})`);
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new AuditQueryError(name, 'must be given once');
    if (value.length === 0) throw new AuditQueryError(name, 'must not be empty');
    if (value.length > MAX_ID_LENGTH)
      throw new AuditQueryError(name, `must be at most ${MAX_ID_LENGTH} characters`);
    return value;
  }

  timeRange(): { from?: Date; to?: Date } {
    const from = this.time('from');
    const to = this.time('to');
    if (from && to && from.getTime() > to.getTime())
      throw new AuditQueryError('from', 'must not be after to');
    return { from, to };
  }

  private time(name: string): Date | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    // A date (2026-01-31) or a date-time with an explicit zone; Date.parse alone accepts too much.
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
    const time = Date.parse(text);
    if (!iso.test(text) || Number.isNaN(time)) {
      throw new AuditQueryError(
        name,
        'must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-31T00:00:00Z',
      );
    }
    return new Date(time);
  }
}
