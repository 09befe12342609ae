import type { QueueConsumer, QueueConsumerOptions, QueueFactory, QueueJob } from '../ports';
import { type PortFactory, deferred, eventually, usePort } from './harness';

interface Payload {
  n: number;
  text?: string;
}

/** The behaviour every QueueFactory adapter must have. */
export function describeQueuePort(adapter: string, factory: PortFactory<QueueFactory>): void {
  describe(`QueueFactory contract: ${adapter}`, () => {
    const { port, name } = usePort(factory);
    const consumers: QueueConsumer[] = [];

    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((c) => c.close()));
    });

    function consume(
      queue: string,
      handler: (job: QueueJob<Payload>) => Promise<void>,
      options?: QueueConsumerOptions,
    ): QueueConsumer {
      const consumer = port().consume(queue, handler, options);
      consumers.push(consumer);
      return consumer;
    }

    it('hands each job to the consumer with its id and data', async () => {
      const queue = name('basic');
      const producer = port().producer<Payload>(queue);
      const seen: QueueJob<Payload>[] = [];
      consume(queue, async (job) => void seen.push(job));
      await producer.add({ id: 'job-a', data: { n: 1, text: 'ünïcødé' } });
      await eventually(() => expect(seen).toEqual([{ id: 'job-a', data: { n: 1, text: 'ünïcødé' } }]));
      await eventually(async () => expect(await producer.depth()).toBe(0));
    });

    it('counts waiting jobs in depth until a consumer takes them', async () => {
      const queue = name('depth');
      const producer = port().producer<Payload>(queue);
      await producer.addBulk([
        { id: 'd-1', data: { n: 1 } },
        { id: 'd-2', data: { n: 2 } },
        { id: 'd-3', data: { n: 3 } },
      ]);
      expect(await producer.depth()).toBe(3);
      const seen: number[] = [];
      consume(queue, async (job) => void seen.push(job.data.n));
      await eventually(() => expect(seen.sort()).toEqual([1, 2, 3]));
      await eventually(async () => expect(await producer.depth()).toBe(0));
    });

    it('keeps one job per id: duplicates while pending, in a bulk, and after completion are dropped', async () => {
      const queue = name('dedupe');
      const producer = port().producer<Payload>(queue);
      await producer.add({ id: 'dup', data: { n: 1 } });
      await producer.add({ id: 'dup', data: { n: 2 } });
      await producer.addBulk([
        { id: 'bulk', data: { n: 3 } },
        { id: 'bulk', data: { n: 4 } },
      ]);
      expect(await producer.depth()).toBe(2);

      const seen: string[] = [];
      consume(queue, async (job) => void seen.push(`${job.id}:${job.data.n}`), { concurrency: 1 });
      await eventually(() => expect(seen).toEqual(['dup:1', 'bulk:3']));

      // One consumer with concurrency 1 takes jobs in order: once the sentinel ran, a re-added
      // duplicate would have run before it.
      await producer.add({ id: 'dup', data: { n: 5 } });
      await producer.add({ id: 'sentinel', data: { n: 6 } });
      await eventually(() => expect(seen).toEqual(['dup:1', 'bulk:3', 'sentinel:6']));
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const queue = name('retry');
      const producer = port().producer<Payload>(queue);
      const startedAt: number[] = [];
      consume(
        queue,
        async () => {
          startedAt.push(Date.now());
          if (startedAt.length < 3) throw new Error(`transient failure ${startedAt.length}`);
        },
        { attempts: 3, backoffMs: 100 },
      );
      await producer.add({ id: 'flaky', data: { n: 1 } });
      await eventually(() => expect(startedAt).toHaveLength(3));
      await eventually(async () => expect(await producer.depth()).toBe(0));
      expect(await producer.failed()).toEqual([]);
      // Lower bounds only: a retry never comes before its backoff (100 ms, then 200 ms).
      expect(startedAt[1] - startedAt[0]).toBeGreaterThanOrEqual(95);
      expect(startedAt[2] - startedAt[1]).toBeGreaterThanOrEqual(195);
    });

    it('keeps a job that used up its attempts in the failed list, with the last error', async () => {
      const queue = name('fail');
      const producer = port().producer<Payload>(queue);
      let doomedCalls = 0;
      const succeeded: string[] = [];
      consume(
        queue,
        async (job) => {
          if (job.id !== 'doomed') return void succeeded.push(job.id);
          doomedCalls += 1;
          throw new Error(`upstream down (call ${doomedCalls})`);
        },
        { attempts: 3, backoffMs: 10 },
      );
      await producer.add({ id: 'doomed', data: { n: 7 } });
      await eventually(async () =>
        expect(await producer.failed()).toEqual([
          { id: 'doomed', data: { n: 7 }, reason: 'upstream down (call 3)', attemptsMade: 3 },
        ]),
      );
      expect(doomedCalls).toBe(3);
      expect(await producer.depth()).toBe(0);

      // A kept failed job still holds its id: adding it again does not run it a fourth time.
      await producer.add({ id: 'doomed', data: { n: 8 } });
      await producer.add({ id: 'sentinel', data: { n: 9 } });
      await eventually(() => expect(succeeded).toEqual(['sentinel']));
      expect(doomedCalls).toBe(3);
      expect(await producer.failed()).toHaveLength(1);
    });

    it('runs up to `concurrency` jobs at once', async () => {
      const queue = name('parallel');
      const producer = port().producer<Payload>(queue);
      const release = deferred();
      let active = 0;
      let peak = 0;
      consume(
        queue,
        async () => {
          active += 1;
          peak = Math.max(peak, active);
          await release.promise;
          active -= 1;
        },
        { concurrency: 3 },
      );
      await producer.addBulk(Array.from({ length: 5 }, (_, i) => ({ id: `p-${i}`, data: { n: i } })));
      await eventually(() => expect(active).toBe(3));
      release.resolve();
      await eventually(async () => expect(await producer.depth()).toBe(0));
      expect(peak).toBe(3);
    });

    it('close waits for the job in progress', async () => {
      const queue = name('close');
      const producer = port().producer<Payload>(queue);
      const started = deferred();
      let finished = false;
      const consumer = port().consume<Payload>(queue, async () => {
        started.resolve();
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
      });
      await producer.add({ id: 'in-flight', data: { n: 1 } });
      await started.promise;
      await consumer.close();
      expect(finished).toBe(true);
    });

    it('rejects bad input naming the field', async () => {
      const producer = port().producer<Payload>(name('bad'));
      await expect(producer.add({ id: 'a:b', data: { n: 1 } })).rejects.toThrow(
        /queue\.add: job\.id must not contain ":"/,
      );
      await expect(producer.add({ id: '42', data: { n: 1 } })).rejects.toThrow(
        /job\.id must not be an integer/,
      );
      await expect(producer.add({ id: '', data: { n: 1 } })).rejects.toThrow(
        /job\.id must be a non-empty string/,
      );
      await expect(producer.add({ id: 'marker', data: { n: 1 } })).rejects.toThrow(
        /job\.id "marker" is reserved/,
      );
      await expect(
        producer.addBulk([
          { id: 'ok', data: { n: 1 } },
          { id: 'x:y', data: { n: 2 } },
        ]),
      ).rejects.toThrow(/queue\.addBulk: jobs\[1\]\.id/);
      expect(await producer.depth()).toBe(0);
      expect(() => port().producer('has:colon')).toThrow(/queue name must not contain ":"/);
      expect(() => port().consume(name('bad'), async () => undefined, { attempts: 0 })).toThrow(
        /queue\.consume: attempts must be an integer >= 1/,
      );
    });
  });
}
