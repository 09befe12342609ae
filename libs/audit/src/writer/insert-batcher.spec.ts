import { QueryFailedError } from 'typeorm';
import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditEvent } from '../audit-event';
import type { AuditWriter } from './audit-writer';
import { InsertBatcher } from './insert-batcher';

class FakeWriter {
  readonly batches: string[][] = [];
  failWith: unknown = undefined;
  refuse = new Set<string>();

  async insert(events: AuditEvent[]): Promise<number> {
    if (this.failWith) throw this.failWith;
    if (events.some((e) => this.refuse.has(e.id))) {
      throw new QueryFailedError('INSERT', [], Object.assign(new Error('value too long'), { code: '22001' }));
    }
    this.batches.push(events.map((e) => e.id));
    return events.length;
  }
}

const event = () => AuditCallBuilder.start({ requestId: 'r' }).finish()[0];

describe('InsertBatcher', () => {
  let writer: FakeWriter;

  beforeEach(() => {
    writer = new FakeWriter();
  });

  it('writes a full batch at once and the rest after the wait', async () => {
    const batcher = new InsertBatcher(writer as unknown as AuditWriter, { maxBatch: 3, maxWaitMs: 10 });
    const events = Array.from({ length: 5 }, event);
    await Promise.all(events.map((e) => batcher.add(e)));
    expect(writer.batches).toEqual([events.slice(0, 3).map((e) => e.id), events.slice(3).map((e) => e.id)]);
  });

  it('fails every job of a batch the server could not take, so each is retried', async () => {
    writer.failWith = new Error('connect ECONNREFUSED');
    const batcher = new InsertBatcher(writer as unknown as AuditWriter, { maxBatch: 2, maxWaitMs: 10 });
    const results = await Promise.allSettled([batcher.add(event()), batcher.add(event())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('fails only the row Postgres refuses, writing the others one by one', async () => {
    const batcher = new InsertBatcher(writer as unknown as AuditWriter, { maxBatch: 3, maxWaitMs: 10 });
    const [a, bad, c] = [event(), event(), event()];
    writer.refuse.add(bad.id);
    const results = await Promise.allSettled([a, bad, c].map((e) => batcher.add(e)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writer.batches).toEqual([[a.id], [c.id]]);
  });

  it('drain() writes a partial batch without waiting', async () => {
    const batcher = new InsertBatcher(writer as unknown as AuditWriter, { maxBatch: 10, maxWaitMs: 60_000 });
    const pending = batcher.add(event());
    await batcher.drain();
    await pending;
    expect(writer.batches).toHaveLength(1);
  });
});
