import type { AuditEvent } from '../audit-event';
import { AUDIT_TABLE } from '../audit-table';
import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditTestDb } from '../testing/audit-test-db';
import { createAuditTestDb } from '../testing/audit-test-db';
import { sampleCall } from '../testing/sample-calls';
import { AuditWriter } from './audit-writer';

/** What Postgres gives back for a row, in the event's own terms. */
async function storedRows(db: AuditTestDb, ids: string[]): Promise<Record<string, unknown>[]> {
  return db.dataSource.query(`SELECT * FROM ${AUDIT_TABLE} WHERE id = ANY($1) ORDER BY started_at, id`, [
    ids,
  ]);
}

describe('AuditWriter on real Postgres', () => {
  let db: AuditTestDb;
  let writer: AuditWriter;

  beforeEach(async () => {
    db = await createAuditTestDb();
    writer = new AuditWriter(db.dataSource);
  });
  afterEach(() => db.drop());

  it('stores every field of every event as it was, in one statement per batch', async () => {
    const call = AuditCallBuilder.start(
      {
        requestId: 'req_fields',
        keyId: 'key_1',
        surface: 'anthropic-messages',
        modelGroup: 'claude',
        logBodies: true,
      },
      Date.UTC(2026, 10, 29, 12, 0, 0, 123),
    );
    call.instant('shield', {
      shield_verdicts: { EMAIL: 2, AWS_KEY: 1 },
      details: { stage: 'pre', nested: { a: [1, 'two', null] } },
    });
    call.redactedBodies('quotes " and \\ and \u00e9\u{1F600} and a\nnewline', null);
    call.usage({ inputTokens: 7, outputTokens: 3, cachedInputTokens: 2 });
    const events = call.finish({
      status: 200,
      deployment: 'claude#0',
      provider: 'anthropic',
      cost_usd: 0.00000015,
    });

    expect(await writer.insert(events)).toBe(events.length);

    const rows = await storedRows(
      db,
      events.map((e) => e.id),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const event of events) {
      const row = byId.get(event.id)!;
      for (const [field, value] of Object.entries(event) as [keyof AuditEvent, unknown][]) {
        if (field === 'started_at' || field === 'ended_at')
          expect([field, (row[field] as Date | null)?.toISOString() ?? null]).toEqual([field, value]);
        else if (field === 'cost_usd')
          expect(row.cost_usd === null ? null : Number(row.cost_usd)).toBe(value);
        else expect([field, row[field]]).toEqual([field, value]);
      }
    }
  });

  it('skips ids already stored, so a re-delivered batch adds nothing', async () => {
    const first = sampleCall('req_once', 'key_1');
    const second = sampleCall('req_twice', 'key_1');
    expect(await writer.insert(first)).toBe(first.length);
    expect(await writer.insert([...first, ...second])).toBe(second.length);
    expect(await writer.insert([])).toBe(0);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM ${AUDIT_TABLE}`);
    expect(count).toBe(first.length + second.length);
  });

  it('writes a batch larger than one statement could bind column by column', async () => {
    const events = Array.from({ length: 3_000 }, (_, i) => sampleCall(`req_${i}`, 'key_big')).flat();
    expect(events.length * 25).toBeGreaterThan(65_535);
    expect(await writer.insert(events)).toBe(events.length);
  });
});
