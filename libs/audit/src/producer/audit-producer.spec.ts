import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailedJob, QueueJob, QueueProducer } from '@verosek/platform';
import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditEvent, AuditJobData } from '../audit-event';
import { auditJobId } from '../audit-event';
import { AuditProducer, AuditProducerOptions } from './audit-producer';
import { SpillStore } from './spill-store';

/** A queue that can be switched unreachable: failing at once, or hanging like a silent network. */
class FakeQueue implements QueueProducer<AuditJobData> {
  mode: 'up' | 'refuse' | 'hang' = 'up';
  /** Ids of the events the queue took. */
  readonly ids = new Set<string>();
  /** Sizes of the jobs the queue took. */
  readonly jobSizes: number[] = [];
  adds = 0;
  closed = false;

  async add(job: QueueJob<AuditJobData>): Promise<void> {
    await this.addBulk([job]);
  }

  addBulk(jobs: QueueJob<AuditJobData>[]): Promise<void> {
    this.adds++;
    if (this.mode === 'refuse') return Promise.reject(new Error('connect ECONNREFUSED'));
    if (this.mode === 'hang') return new Promise(() => {});
    for (const job of jobs) {
      expect(job.id).toBe(auditJobId(job.data));
      this.jobSizes.push(job.data.length);
      for (const event of job.data) this.ids.add(event.id);
    }
    return Promise.resolve();
  }

  async depth(): Promise<number> {
    return 0;
  }

  async failed(): Promise<FailedJob<AuditJobData>[]> {
    return [];
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const OPTIONS: AuditProducerOptions = {
  batchSize: 10,
  lingerMs: 1,
  maxBuffered: 25,
  sendTimeoutMs: 50,
  retryMinMs: 5,
  retryMaxMs: 20,
};

function events(n: number): AuditEvent[] {
  return Array.from(
    { length: n },
    (_, i) => AuditCallBuilder.start({ requestId: `req_${i}`, keyId: 'k' }).finish()[0],
  );
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('AuditProducer', () => {
  let dir: string;
  let queue: FakeQueue;
  let spill: SpillStore;
  let producer: AuditProducer;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-producer-'));
    queue = new FakeQueue();
    spill = new SpillStore(join(dir, 'audit-spill'));
    producer = new AuditProducer(queue, spill, OPTIONS);
    await producer.onApplicationBootstrap();
  });
  afterEach(async () => {
    queue.mode = 'up';
    await producer.beforeApplicationShutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('record() returns before anything is sent, then sends one job per batch', async () => {
    const sent = events(24);
    producer.record(sent);
    expect(queue.adds).toBe(0);
    expect(producer.buffered).toBe(24);
    await until(() => queue.ids.size === 24, 'all events sent');
    expect(queue.adds).toBe(3);
    expect(queue.jobSizes).toEqual([10, 10, 4]);
    expect([...queue.ids].sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it('keeps events in memory while the queue refuses them and sends them when it is back', async () => {
    queue.mode = 'refuse';
    const sent = events(20);
    producer.record(sent);
    await until(() => queue.adds >= 3, 'a few failed sends');
    expect(queue.ids.size).toBe(0);
    expect(producer.buffered).toBe(20);
    expect(await spill.hasFiles()).toBe(false);

    queue.mode = 'up';
    await until(() => queue.ids.size === 20, 'the buffer re-sent');
    expect(producer.buffered).toBe(0);
  });

  it('spills past the bound and re-sends the spill once the queue answers, without losing any', async () => {
    queue.mode = 'hang';
    const sent = events(60);
    for (const event of sent) producer.record(event);
    await until(() => spill.hasFiles(), 'a spill file');
    expect(producer.buffered).toBeLessThan(OPTIONS.maxBuffered);

    queue.mode = 'up';
    await until(() => queue.ids.size === 60, 'buffer and spill re-sent');
    await until(async () => !(await spill.hasFiles()), 'spill files removed');
    expect([...queue.ids].sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it('flush() on shutdown spills what the queue will not take, and the next run sends it', async () => {
    queue.mode = 'refuse';
    const sent = events(7);
    producer.record(sent);
    await producer.beforeApplicationShutdown();
    expect(queue.closed).toBe(true);
    expect(producer.buffered).toBe(0);
    expect(await spill.hasFiles()).toBe(true);

    const nextQueue = new FakeQueue();
    producer = new AuditProducer(nextQueue, new SpillStore(spill.dir), OPTIONS);
    await producer.onApplicationBootstrap();
    await until(() => nextQueue.ids.size === 7, 'spill re-sent at start-up');
    expect([...nextQueue.ids].sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it('flush() resolves once buffered events are acknowledged', async () => {
    const sent = events(12);
    producer.record(sent);
    await producer.flush();
    expect(queue.ids.size).toBe(12);
  });

  it('keeps sending when its spill directory is unusable', async () => {
    const notADirectory = join(dir, 'file');
    await writeFile(notADirectory, '');
    const nextQueue = new FakeQueue();
    const unusable = new AuditProducer(
      nextQueue,
      new SpillStore(join(notADirectory, 'audit-spill')),
      OPTIONS,
    );
    await unusable.onApplicationBootstrap();
    const sent = events(3);
    unusable.record(sent);
    await unusable.flush();
    expect(nextQueue.ids.size).toBe(3);
    await unusable.beforeApplicationShutdown();
  });
});
