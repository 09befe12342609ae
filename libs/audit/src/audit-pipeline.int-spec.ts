import { BullMqQueueFactory } from '@verosek/platform';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AUDIT_QUEUE, AuditEvent, AuditJobData } from './audit-event';
import {
  AuditProducer,
  AuditProducerOptions,
  DEFAULT_AUDIT_PRODUCER_OPTIONS,
} from './producer/audit-producer';
import { SpillStore } from './producer/spill-store';
import {
  AuditTestDb,
  connectTestDb,
  createAuditTestDb,
  TEST_REDIS_URL,
  testDatabaseAddress,
  testRedisAddress,
} from './testing/audit-test-db';
import { eventually } from './testing/eventually';
import { sampleCall, STEPS_PER_SAMPLE_CALL } from './testing/sample-calls';
import { TcpGate } from './testing/tcp-gate';
import { AuditConsumer, AuditConsumerOptions } from './writer/audit-consumer';
import { AuditWriter } from './writer/audit-writer';

const ROWS_PER_CALL = 1 + STEPS_PER_SAMPLE_CALL;

const CONSUMER: AuditConsumerOptions = {
  concurrency: 100,
  batchSize: 50,
  batchWaitMs: 20,
  attempts: 30,
  backoffMs: 100,
};

jest.setTimeout(60_000);

describe('audit pipeline on real Redis, BullMQ and Postgres', () => {
  let db: AuditTestDb;
  let prefix: string;
  let spillDir: string;
  let cleanups: (() => Promise<unknown>)[];

  beforeEach(async () => {
    db = await createAuditTestDb();
    prefix = `audit-test-${randomUUID().slice(0, 8)}`;
    spillDir = await mkdtemp(join(tmpdir(), 'audit-spill-'));
    cleanups = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await deleteRedisKeys(`${prefix}:*`);
    await db.drop();
    await rm(spillDir, { recursive: true, force: true });
  });

  function queueFactory(redisUrl = TEST_REDIS_URL): BullMqQueueFactory {
    const factory = new BullMqQueueFactory(redisUrl, prefix);
    cleanups.push(() => factory.close());
    return factory;
  }

  async function startProducer(
    redisUrl?: string,
    options: Partial<AuditProducerOptions> = {},
  ): Promise<AuditProducer> {
    const factory = queueFactory(redisUrl);
    if (redisUrl === undefined) {
      // The producer connection fails fast while still connecting; these tests start with it up.
      const probe = factory.producer(AUDIT_QUEUE);
      await eventually(
        () =>
          probe.depth().then(
            () => true,
            () => false,
          ),
        'the producer connection',
      );
    }
    const producer = new AuditProducer(
      factory.producer<AuditJobData>(AUDIT_QUEUE),
      new SpillStore(spillDir),
      {
        ...DEFAULT_AUDIT_PRODUCER_OPTIONS,
        ...options,
      },
    );
    await producer.onApplicationBootstrap();
    cleanups.push(() => producer.beforeApplicationShutdown());
    return producer;
  }

  function startConsumer(dataSource: DataSource = db.dataSource): AuditConsumer {
    const consumer = new AuditConsumer(queueFactory(), new AuditWriter(dataSource), CONSUMER);
    consumer.start();
    cleanups.push(() => consumer.stop());
    return consumer;
  }

  /** A read-only view of the BullMQ queue, to see what the workers are doing. */
  function inspectQueue(): Queue {
    const queue = new Queue(AUDIT_QUEUE, { connection: new Redis(TEST_REDIS_URL), prefix });
    cleanups.push(async () => {
      const client = await queue.client;
      await queue.close();
      client.disconnect();
    });
    return queue;
  }

  function calls(count: number, keyOf: (i: number) => string = (i) => `k${i % 4}`): AuditEvent[][] {
    return Array.from({ length: count }, (_, i) => sampleCall(`req_${randomUUID()}`, keyOf(i)));
  }

  async function rowsArrive(expected: number): Promise<void> {
    await eventually(async () => (await db.count()).rows >= expected, `${expected} audit rows`);
  }

  /** Events in the jobs waiting in the queue (a job carries a batch of events). */
  async function waitingEvents(): Promise<number> {
    const jobs = await inspectQueue().getWaiting();
    return jobs.reduce((sum, job) => sum + (job.data as AuditJobData).length, 0);
  }

  async function queueDrained(): Promise<void> {
    const queue = inspectQueue();
    await eventually(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    }, 'the audit queue to drain');
  }

  it('stores N calls as exactly N call rows with their steps, each bound to its key', async () => {
    const producer = await startProducer();
    startConsumer();
    const recorded = calls(40);
    for (const events of recorded) producer.record(events);

    await rowsArrive(40 * ROWS_PER_CALL);
    await queueDrained();
    expect(await db.count()).toEqual({
      rows: 40 * ROWS_PER_CALL,
      ids: 40 * ROWS_PER_CALL,
      calls: 40,
      steps: 40 * STEPS_PER_SAMPLE_CALL,
    });
    for (const [call, ...steps] of recorded) {
      const rows: { id: string; parent_id: string | null; key_id: string; kind: string }[] =
        await db.dataSource.query(
          'SELECT id, parent_id, key_id, kind FROM audit_events WHERE request_id = $1',
          [call.request_id],
        );
      expect(rows).toHaveLength(ROWS_PER_CALL);
      expect(rows.every((row) => row.key_id === call.key_id)).toBe(true);
      expect(rows.find((row) => row.parent_id === null)?.id).toBe(call.id);
      expect(
        rows
          .filter((row) => row.parent_id === call.id)
          .map((row) => row.id)
          .sort(),
      ).toEqual(steps.map((step) => step.id).sort());
    }
  });

  it('stores an event once when it is enqueued twice or its row already exists', async () => {
    const producer = await startProducer();
    startConsumer();
    const [alreadyStored, sentTwice] = calls(2);
    // As if a worker committed the batch but died before acknowledging the jobs.
    await new AuditWriter(db.dataSource).insert(alreadyStored);
    producer.record(alreadyStored);
    producer.record(sentTwice);
    producer.record(sentTwice);
    await producer.flush();
    await rowsArrive(2 * ROWS_PER_CALL);
    producer.record(sentTwice); // again, after its jobs completed
    await producer.flush();
    await queueDrained();

    expect(await db.count()).toMatchObject({ rows: 2 * ROWS_PER_CALL, ids: 2 * ROWS_PER_CALL });
  });

  it('retries with backoff while Postgres is unreachable, then stores every row once', async () => {
    const gate = await TcpGate.open(testDatabaseAddress().host, testDatabaseAddress().port);
    cleanups.push(() => gate.shut());
    const gatedDb = await connectTestDb(db.schema, gate.port);
    cleanups.push(() => gatedDb.destroy());
    const producer = await startProducer();
    startConsumer(gatedDb);
    const queue = inspectQueue();

    await gate.shut();
    for (const events of calls(20)) producer.record(events);
    await producer.flush();
    await eventually(
      async () => (await queue.getJobCounts('delayed')).delayed > 0,
      'jobs waiting for a retry',
    );
    expect((await db.count()).rows).toBe(0);

    await gate.reopen();
    await rowsArrive(20 * ROWS_PER_CALL);
    await queueDrained();
    expect(await db.count()).toMatchObject({ rows: 20 * ROWS_PER_CALL, ids: 20 * ROWS_PER_CALL });
    expect(await queue.getJobCounts('failed')).toMatchObject({ failed: 0 });
  });

  it('keeps 1,000 events produced while the consumer is stopped and stores each once when it starts', async () => {
    const producer = await startProducer();
    await startConsumer().stop();
    for (const events of calls(250)) producer.record(events);
    await producer.flush();
    expect(await waitingEvents()).toBe(1000);
    expect((await db.count()).rows).toBe(0);

    startConsumer();
    await rowsArrive(1000);
    await queueDrained();
    expect(await db.count()).toMatchObject({ rows: 1000, ids: 1000, calls: 250 });
  });

  it('buffers and spills while Redis is unreachable, then re-sends everything once', async () => {
    const gate = await TcpGate.open(testRedisAddress().host, testRedisAddress().port);
    cleanups.push(() => gate.shut());
    const producer = await startProducer(`redis://127.0.0.1:${gate.port}`, {
      maxBuffered: 100,
      sendTimeoutMs: 500,
      retryMinMs: 50,
      retryMaxMs: 300,
    });
    startConsumer();
    const before = calls(5);
    for (const events of before) producer.record(events);
    await rowsArrive(5 * ROWS_PER_CALL);

    await gate.shut();
    const during = calls(75); // 300 events: three times the in-memory bound
    for (const events of during) producer.record(events);
    await eventually(() => new SpillStore(spillDir).hasFiles(), 'events spilled to disk');

    await gate.reopen();
    await rowsArrive(80 * ROWS_PER_CALL);
    await queueDrained();
    expect(await db.count()).toMatchObject({ rows: 80 * ROWS_PER_CALL, ids: 80 * ROWS_PER_CALL });
    await eventually(async () => (await readdir(spillDir)).length === 0, 'spill files removed');
  });

  it('sends at start-up what a run that never reached Redis spilled on shutdown', async () => {
    const closedPort = await unusedPort();
    const offline = await startProducer(`redis://127.0.0.1:${closedPort}`, { sendTimeoutMs: 300 });
    const recorded = calls(10);
    for (const events of recorded) offline.record(events);
    await offline.beforeApplicationShutdown();
    expect(await new SpillStore(spillDir).hasFiles()).toBe(true);

    startConsumer();
    await startProducer(); // the next run, on the real Redis, same data dir
    await rowsArrive(10 * ROWS_PER_CALL);
    await queueDrained();
    expect(await db.count()).toMatchObject({ rows: 10 * ROWS_PER_CALL, ids: 10 * ROWS_PER_CALL });
  });

  it('flushes buffered events on shutdown', async () => {
    const producer = await startProducer(undefined, { lingerMs: 60_000, batchSize: 10_000 });
    for (const events of calls(10)) producer.record(events);
    expect(producer.buffered).toBe(10 * ROWS_PER_CALL);

    await producer.beforeApplicationShutdown();
    expect(await waitingEvents()).toBe(10 * ROWS_PER_CALL);
    expect(await readdir(spillDir)).toEqual([]);
  });
});

async function deleteRedisKeys(pattern: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** A loopback port nothing listens on. */
async function unusedPort(): Promise<number> {
  const gate = await TcpGate.open('127.0.0.1', 1);
  const port = gate.port;
  await gate.shut();
  return port;
}
