import { AuditQueryError } from './audit-query-error';

/** A position in the (started_at DESC, id DESC) order: the last row of the previous page. */
export interface AuditCursor {
  startedAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of `<ISO started_at>|<id>`. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.startedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): AuditCursor {
  const [startedAt, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const time = Date.parse(startedAt ?? '');
  if (extra !== undefined || id === undefined || !UUID.test(id) || Number.isNaN(time)) {
    throw new AuditQueryError('cursor', 'is not a cursor returned by this API');
  }
  return { startedAt: new Date(time).toISOString(), id };
}
