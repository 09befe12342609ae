import { AuditQueryError } from './audit-query-error';
import { decodeCursor, encodeCursor } from './cursor';

describe('audit cursor', () => {
  const position = { startedAt: '2026-03-01T10:00:00.123Z', id: '019c4a2e-1f00-7abc-8def-0123456789ab' };

  it('round-trips a position and is URL-safe', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', '!!!'],
    ['no id', Buffer.from('2026-03-01T10:00:00.000Z').toString('base64url')],
    ['bad time', Buffer.from(`soon|${position.id}`).toString('base64url')],
    ['bad id', Buffer.from('2026-03-01T10:00:00.000Z|x').toString('base64url')],
    ['extra part', Buffer.from(`2026-03-01T10:00:00.000Z|${position.id}|1`).toString('base64url')],
  ])('refuses %s, naming the cursor param', (_, value) => {
    expect(() => decodeCursor(value)).toThrow(AuditQueryError);
    expect(() => decodeCursor(value)).toThrow('query parameter cursor ');
  });
});
