import { AuditCallBuilder } from '../audit-call-builder';
import { AuditTestDb, createAuditTestDb } from '../testing/audit-test-db';
import { sampleCall } from '../testing/sample-calls';
import { AuditWriter } from '../writer/audit-writer';
import { AuditRetention } from './audit-retention';

const DAY = 24 * 60 * 60 * 1000;

jest.setTimeout(60_000);

describe('AuditRetention on Postgres', () => {
  let db: AuditTestDb;

  beforeEach(async () => {
    db = await createAuditTestDb();
  });
  afterEach(() => db.drop());

  it('deletes, in chunks, every row older than the retention and keeps the rest', async () => {
    const now = Date.parse('2026-06-30T00:00:00Z');
    const old = Array.from({ length: 7 }, (_, i) => sampleCall(`old_${i}`, 'k', now - 40 * DAY - i * 1000));
    const recent = Array.from({ length: 3 }, (_, i) => sampleCall(`new_${i}`, 'k', now - 10 * DAY + i));
    await new AuditWriter(db.dataSource).insert([...old.flat(), ...recent.flat()]);

    const deleted = await new AuditRetention(db.dataSource, 30, 3).purge(now);

    expect(deleted).toBe(old.flat().length);
    const left: { request_id: string }[] = await db.dataSource.query(
      'SELECT DISTINCT request_id FROM audit_events',
    );
    expect(left.map((r) => r.request_id).sort()).toEqual(['new_0', 'new_1', 'new_2']);
    expect((await db.count()).rows).toBe(recent.flat().length);
  });

  it('keeps a row exactly at the cutoff', async () => {
    const now = Date.parse('2026-06-30T00:00:00Z');
    const [atCutoff] = AuditCallBuilder.start({ requestId: 'edge' }, now - 30 * DAY).finish(
      {},
      now - 30 * DAY,
    );
    await new AuditWriter(db.dataSource).insert([atCutoff]);
    expect(await new AuditRetention(db.dataSource, 30).purge(now)).toBe(0);
  });
});
