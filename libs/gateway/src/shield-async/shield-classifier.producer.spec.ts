import { InProcessQueueFactory, type QueueJob } from '@verosek/platform';
import { DEFAULT_CLASSIFIER_POLICY, type ClassifierPolicy } from '@verosek/shield';
import { MAX_JOB_CHARS, ShieldClassifierProducer } from './shield-classifier.producer';
import { SHIELD_QUEUE, type ShieldClassifierJob } from './shield-classifier-job';

const job = (requestId: string, texts = ['hello']): ShieldClassifierJob => ({
  request_id: requestId,
  call_id: '0190c3a4-7a10-7c2e-9b1d-1a2b3c4d5e6f',
  key_id: 'k1',
  texts,
  surface: 'openai-chat',
  model_group: 'gpt',
});

describe('ShieldClassifierProducer', () => {
  let queues: InProcessQueueFactory;
  let received: QueueJob<ShieldClassifierJob>[];

  beforeEach(() => {
    queues = new InProcessQueueFactory();
    received = [];
    queues.consume<ShieldClassifierJob>(SHIELD_QUEUE, async (j) => {
      received.push(j);
    });
  });
  afterEach(() => queues.close());

  const producer = (policy: Partial<ClassifierPolicy>, draws: number[] = []) => {
    let i = 0;
    return new ShieldClassifierProducer(
      queues,
      { ...DEFAULT_CLASSIFIER_POLICY, ...policy },
      () => draws[i++ % draws.length],
    );
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('enqueues without waiting, with the request id as job id (made queue-safe)', async () => {
    const p = producer({ sample_rate: 1 }, [0.99]);
    expect(p.enqueue(job('req_abc'))).toBe(true);
    expect(p.enqueue(job('trace:42'))).toBe(true);
    expect(p.enqueue(job('123'))).toBe(true);
    await p.beforeApplicationShutdown();
    await settle();
    expect(received.map((j) => j.id)).toEqual(['shield-req_abc', 'shield-trace_42', 'shield-123']);
    expect(received[0].data).toEqual(job('req_abc'));
  });

  it('classifies one call once, however often it is enqueued', async () => {
    const p = producer({ sample_rate: 1 }, [0]);
    p.enqueue(job('req_same'));
    p.enqueue(job('req_same'));
    await p.beforeApplicationShutdown();
    await settle();
    expect(received).toHaveLength(1);
  });

  it('samples calls at sample_rate', async () => {
    const p = producer({ sample_rate: 0.25 }, [0.1, 0.3, 0.24, 0.9]);
    const taken = ['a', 'b', 'c', 'd'].map((id) => p.enqueue(job(`req_${id}`)));
    expect(taken).toEqual([true, false, true, false]);
    expect(producer({ sample_rate: 0 }, [0]).enqueue(job('req_none'))).toBe(false);
  });

  it('refuses a malformed job instead of throwing into the hot path', () => {
    const p = producer({ sample_rate: 1 }, [0]);
    expect(p.enqueue({ ...job('req_x'), call_id: 'not-a-uuid' })).toBe(false);
    expect(p.enqueue({ ...job('req_y'), texts: [42 as unknown as string] })).toBe(false);
  });

  it('caps the texts put on the queue', async () => {
    const p = producer({ sample_rate: 1 }, [0]);
    p.enqueue(job('req_big', ['a'.repeat(MAX_JOB_CHARS - 10), 'b'.repeat(100), 'c']));
    await p.beforeApplicationShutdown();
    await settle();
    expect(received[0].data.texts.map((t) => t.length)).toEqual([MAX_JOB_CHARS - 10, 10]);
  });
});
