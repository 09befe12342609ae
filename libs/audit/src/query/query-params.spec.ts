import { AuditQueryError } from './audit-query-error';
import { encodeCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, parseAuditListQuery, parseSpendQuery } from './query-params';

function paramOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AuditQueryError) return error.param;
    throw error;
  }
  return undefined;
}

describe('parseAuditListQuery', () => {
  it('reads every filter', () => {
    const cursor = encodeCursor({
      startedAt: '2026-03-01T00:00:00.000Z',
      id: '019c4a2e-1f00-7abc-8def-0123456789ab',
    });
    expect(
      parseAuditListQuery({
        key_id: 'k1',
        request_id: 'req_1',
        model: 'gpt-4o',
        from: '2026-03-01',
        to: '2026-03-02T12:00:00+02:00',
        limit: '10',
        cursor,
      }),
    ).toEqual({
      keyId: 'k1',
      requestId: 'req_1',
      model: 'gpt-4o',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-02T10:00:00Z'),
      limit: 10,
      cursor: { startedAt: '2026-03-01T00:00:00.000Z', id: '019c4a2e-1f00-7abc-8def-0123456789ab' },
    });
  });

  it('defaults the page size', () => {
    expect(parseAuditListQuery({}).limit).toBe(DEFAULT_PAGE_SIZE);
  });

  it.each([
    ['limit', { limit: '0' }],
    ['limit', { limit: '501' }],
    ['limit', { limit: '2.5' }],
    ['limit', { limit: 'ten' }],
    ['from', { from: 'last week' }],
    ['from', { from: '2026-03-01T10:00:00' }],
    ['to', { to: '2026-13-45' }],
    ['from', { from: '2026-03-02', to: '2026-03-01' }],
    ['cursor', { cursor: 'xyz' }],
    ['key_id', { key_id: ['a', 'b'] }],
    ['model', { model: '' }],
    ['keyid', { keyid: 'k1' }],
  ])('names %s when it is bad', (param, query) => {
    expect(paramOf(() => parseAuditListQuery(query))).toBe(param);
  });
});

describe('parseSpendQuery', () => {
  it('defaults to grouping by key', () => {
    expect(parseSpendQuery({})).toEqual({ groupBy: 'key', from: undefined, to: undefined });
    expect(parseSpendQuery({ group_by: 'day', from: '2026-03-01' }).groupBy).toBe('day');
  });

  it.each([
    ['group_by', { group_by: 'provider' }],
    ['to', { to: 'now' }],
    ['limit', { limit: '5' }],
  ])('names %s when it is bad', (param, query) => {
    expect(paramOf(() => parseSpendQuery(query))).toBe(param);
  });
});
