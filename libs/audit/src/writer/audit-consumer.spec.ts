import { InProcessQueueFactory } from '@verosek/platform';
import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditEvent, AuditJobData } from '../audit-event';
import { AUDIT_QUEUE, auditJobId } from '../audit-event';
import { eventually } from '../testing/eventually';
import { AuditConsumer } from './audit-consumer';
import type { AuditWriter } from './audit-writer';

/** Stands in for Postgres: what would have been inserted. */
class RecordingWriter {
  readonly stored: AuditEvent[] = [];
  async insert(events: AuditEvent[]): Promise<number> {
    this.stored.push(...events);
    return events.length;
  }
}

const callEvents = (requestId: string) => AuditCallBuilder.start({ requestId, keyId: 'k' }).finish();

describe('AuditConsumer', () => {
  let queues: InProcessQueueFactory;
  let writer: RecordingWriter;
  let consumer: AuditConsumer;

  beforeEach(() => {
    queues = new InProcessQueueFactory();
    writer = new RecordingWriter();
    consumer = new AuditConsumer(queues, writer as unknown as AuditWriter, {
      concurrency: 10,
      batchSize: 50,
      batchWaitMs: 1,
      attempts: 1,
      backoffMs: 0,
    });
    consumer.start();
  });
  afterEach(async () => {
    await consumer.stop();
    await queues.close();
  });

  it('writes every event of a job', async () => {
    const events = [...callEvents('req_a'), ...callEvents('req_b')];
    await queues.producer<AuditJobData>(AUDIT_QUEUE).add({ id: auditJobId(events), data: events });
    await eventually(() => writer.stored.length === events.length, 'the job written');
    expect(writer.stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('takes a job holding one bare event, as producers before batched jobs sent', async () => {
    const [event] = callEvents('req_old');
    await queues.producer<AuditEvent>(AUDIT_QUEUE).add({ id: event.id, data: event });
    await eventually(() => writer.stored.length === 1, 'the event written');
    expect(writer.stored[0].id).toBe(event.id);
  });

  it('writes the valid events of a job and keeps the job as failed for the one it refused', async () => {
    const [valid] = callEvents('req_ok');
    const broken = { ...callEvents('req_bad')[0], id: 'not-a-uuid' };
    const data = [valid, broken];
    const producer = queues.producer<AuditJobData>(AUDIT_QUEUE);
    await producer.add({ id: 'job-with-a-bad-event', data });
    await eventually(async () => (await producer.failed()).length === 1, 'the job in the failed set');
    expect(writer.stored.map((e) => e.id)).toEqual([valid.id]);
    const [failed] = await producer.failed();
    expect(failed.id).toBe('job-with-a-bad-event');
    expect(failed.reason).toMatch(/1 of 2 events refused/);
  });
});
