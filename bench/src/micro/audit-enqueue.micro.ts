import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportOf, loadLib } from './lib-loader';
import { rowOf, type MicroOptions, type MicroResult } from './micro-result';
import { timeCalls } from './time-calls';

interface CallBuilder {
  instant(kind: string, fields: Record<string, unknown>): CallBuilder;
  step(kind: string, fields: Record<string, unknown>): { end(fields: Record<string, unknown>): void };
  usage(usage: { inputTokens: number; outputTokens: number }): CallBuilder;
  finish(fields: Record<string, unknown>): unknown[];
}
interface BuilderClass {
  start(init: Record<string, unknown>): CallBuilder;
}
interface Producer {
  record(events: unknown[]): void;
  flush(): Promise<void>;
  readonly buffered: number;
}
interface QueueProducer {
  add(job: { id: string; data: unknown[] }): Promise<void>;
}
interface QueueFactory {
  producer(queue: string): QueueProducer;
  close(): Promise<void>;
}
type Ctor<T> = new (...args: unknown[]) => T;

/**
 * Audit enqueue per call, as the hot path pays it: build the call's audit events (call, Shield verdict,
 * upstream attempt) and hand them to the AuditProducer, which only buffers; sending to the queue happens
 * later, off the response's path. Queue: the in-process adapter (embedded mode); BullMQ is exercised by
 * the cluster-mode runs.
 */
export async function auditEnqueueMicro(options: MicroOptions): Promise<MicroResult> {
  const audit = loadLib('audit');
  const AuditCallBuilder = exportOf<BuilderClass>(audit, 'audit', 'AuditCallBuilder');
  const AuditProducer = exportOf<Ctor<Producer>>(audit, 'audit', 'AuditProducer');
  const SpillStore = exportOf<Ctor<object>>(audit, 'audit', 'SpillStore');
  const InProcessQueueFactory = exportOf<Ctor<QueueFactory>>(
    loadLib('platform'),
    'platform',
    'InProcessQueueFactory',
  );

  const spillDir = mkdtempSync(join(tmpdir(), 'verosek-bench-spill-'));
  const queues = new InProcessQueueFactory();
  const inner = queues.producer('audit-bench');
  // A queue job carries a batch of events: count the events that reach the queue.
  let queued = 0;
  const queue = Object.create(inner) as QueueProducer;
  queue.add = (job) => {
    queued += job.data.length;
    return inner.add(job);
  };
  const producer = new AuditProducer(queue, new SpillStore(spillDir));
  const enqueueOne = (i: number) => {
    const call = AuditCallBuilder.start({
      requestId: `req_bench_${i}`,
      keyId: 'AAAAAAAAAAAA',
      surface: 'openai-chat',
      modelGroup: 'gpt-4o-mini',
      clientIp: '127.0.0.1',
      userAgent: 'bench',
    });
    call.instant('shield', { shield_verdicts: { email: 1 }, details: { stage: 'pre', action: 'redact' } });
    call.step('attempt', { deployment: 'fake-a', provider: 'openai' }).end({ status: 200 });
    call.usage({ inputTokens: 412, outputTokens: 64 });
    producer.record(call.finish({ status: 200, deployment: 'fake-a', provider: 'openai', cost_usd: 0.0001 }));
  };
  try {
    const calls = options.quick ? 5_000 : 50_000;
    const warmup = options.quick ? 1_000 : 5_000;
    // Yielding every 20 calls lets the producer's linger timer send its batches, as it would between requests.
    const timings = await timeCalls(enqueueOne, { calls, warmup, yieldEvery: 20 });
    await producer.flush();
    const expected = 3 * (calls + warmup);
    if (queued !== expected)
      throw new Error(`${queued} audit events reached the queue, expected ${expected}`);
    return {
      name: 'audit enqueue',
      status: 'ok',
      rows: [rowOf('audit: build 3 events + AuditProducer.record (hot path)', timings.perCallNs)],
      notes: [`all ${queued} events (3 per call, warm-up included) reached the in-process queue`],
    };
  } finally {
    await queues.close();
    rmSync(spillDir, { recursive: true, force: true });
  }
}
