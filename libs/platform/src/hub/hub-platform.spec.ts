import { describeCachePort } from '../contract/cache.contract';
import { describeCountersPort } from '../contract/counters.contract';
import { deferred, eventually } from '../contract/harness';
import { describePubSubPort } from '../contract/pubsub.contract';
import { describeQueuePort } from '../contract/queue.contract';
import { InProcessPlatform } from '../in-process/in-process-platform';
import type { BudgetWindow, Platform, QueueJob } from '../ports';
import { HubPlatform } from './hub-platform';
import { channelPair } from './hub-test-channels';
import { PlatformHub } from './platform-hub';

// Queue retries and TTL waits add up on a loaded machine.
jest.setTimeout(30_000);

/** A primary's hub and workers attached to it over JSON channels, as node:cluster would carry them. */
function hubWithWorkers(count: number) {
  const hub = new PlatformHub(new InProcessPlatform());
  const workers = Array.from({ length: count }, () => {
    const pair = channelPair();
    const detach = hub.serve(pair.primary);
    const platform = new HubPlatform(pair.worker);
    return {
      platform,
      /** The worker process dies: its channel closes and the primary notices the exit. */
      exit: async () => {
        pair.disconnect();
        await detach();
      },
    };
  });
  return { hub, workers };
}

function contractSubject<P>(pick: (platform: Platform) => P) {
  return async () => {
    const { hub, workers } = hubWithWorkers(1);
    return {
      port: pick(workers[0].platform),
      namespace: 'hub-',
      close: async () => {
        await workers[0].platform.close();
        await hub.close();
      },
    };
  };
}

describeCachePort(
  'platform hub',
  contractSubject((p) => p.cache),
);
describeCountersPort(
  'platform hub',
  contractSubject((p) => p.counters),
);
describePubSubPort(
  'platform hub',
  contractSubject((p) => p.pubsub),
);
describeQueuePort(
  'platform hub',
  contractSubject((p) => p.queues),
);

describe('PlatformHub with two workers', () => {
  const day: BudgetWindow = { key: 'budget:k1:day', limit: 100, ttlMs: 60_000 };

  it('gives both workers one budget: what one reserved, the other cannot', async () => {
    const { hub, workers } = hubWithWorkers(2);
    const [a, b] = workers.map((w) => w.platform);
    expect((await a.counters.reserve([day], 70)).ok).toBe(true);
    const refused = await b.counters.reserve([day], 40);
    expect(refused).toMatchObject({ ok: false, exceededKey: day.key });
    expect((await b.counters.reserve([day], 30)).ok).toBe(true);
    expect(await a.counters.read([day.key])).toEqual([100]);
    await Promise.all([a.close(), b.close()]);
    await hub.close();
  });

  it('delivers a message published by one worker to the other worker', async () => {
    const { hub, workers } = hubWithWorkers(2);
    const [a, b] = workers.map((w) => w.platform);
    const seen: string[] = [];
    const unsubscribe = await b.pubsub.subscribe('keys-changed', (message) => seen.push(message));
    await a.pubsub.publish('keys-changed', 'key-1');
    await eventually(() => expect(seen).toEqual(['key-1']));
    await unsubscribe();
    await a.pubsub.publish('keys-changed', 'key-2');
    await a.cache.set('sentinel', '1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['key-1']);
    await Promise.all([a.close(), b.close()]);
    await hub.close();
  });

  it("runs a job added by one worker in the other worker's consumer", async () => {
    const { hub, workers } = hubWithWorkers(2);
    const [a, b] = workers.map((w) => w.platform);
    const seen: QueueJob<{ n: number }>[] = [];
    b.queues.consume<{ n: number }>('audit', async (job) => void seen.push(job));
    await a.queues.producer<{ n: number }>('audit').add({ id: 'call-1', data: { n: 1 } });
    await eventually(() => expect(seen).toEqual([{ id: 'call-1', data: { n: 1 } }]));
    await eventually(async () => expect(await a.queues.producer('audit').depth()).toBe(0));
    await Promise.all([a.close(), b.close()]);
    await hub.close();
  });

  it('retries on another worker a job whose worker exited while running it', async () => {
    const { hub, workers } = hubWithWorkers(2);
    const [dying, survivor] = workers;
    const started = deferred();
    dying.platform.queues.consume('audit', () => {
      started.resolve();
      return new Promise<void>(() => undefined); // never finishes: the process dies first
    });
    await survivor.platform.queues.producer('audit').add({ id: 'call-1', data: {} });
    await started.promise;

    const ranOnSurvivor: string[] = [];
    survivor.platform.queues.consume('audit', async (job) => void ranOnSurvivor.push(job.id), {
      backoffMs: 10,
    });
    await dying.exit();
    // The hub's consumer for the dead worker had the default 1 s backoff; the job is not lost.
    await eventually(() => expect(ranOnSurvivor).toEqual(['call-1']), 10_000);
    await survivor.platform.close();
    await hub.close();
  });

  it('answers a call on a closed channel with an error, not a hang', async () => {
    const { hub, workers } = hubWithWorkers(1);
    await workers[0].exit();
    await expect(workers[0].platform.cache.get('k')).rejects.toThrow(/channel closed/);
    await hub.close();
  });
});
