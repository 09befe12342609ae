import type { PubSubPort } from '../ports';
import { type PortFactory, deferred, eventually, usePort } from './harness';

/** The behaviour every PubSubPort adapter must have. */
export function describePubSubPort(adapter: string, factory: PortFactory<PubSubPort>): void {
  describe(`PubSubPort contract: ${adapter}`, () => {
    const { port, name } = usePort(factory);

    /** Subscribes a probe to `channel`; resolves when `message` arrives there. */
    async function probe(
      channel: string,
      message: string,
    ): Promise<{ arrived: Promise<void>; stop(): Promise<void> }> {
      const seen = deferred();
      const stop = await port().subscribe(channel, (m) => m === message && seen.resolve());
      return { arrived: seen.promise, stop };
    }

    it('delivers what is published after subscribe resolved', async () => {
      const channel = name('basic');
      const received = deferred<string>();
      const stop = await port().subscribe(channel, received.resolve);
      await port().publish(channel, 'revoke:key_123');
      expect(await received.promise).toBe('revoke:key_123');
      await stop();
    });

    it('delivers in publish order', async () => {
      const channel = name('order');
      const received: string[] = [];
      const stop = await port().subscribe(channel, (m) => received.push(m));
      const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
      for (const m of sent) await port().publish(channel, m);
      await eventually(() => expect(received).toEqual(sent));
      await stop();
    });

    it('delivers to every handler; after unsubscribe a handler receives nothing more', async () => {
      const channel = name('fanout');
      const first: string[] = [];
      const second: string[] = [];
      const stopFirst = await port().subscribe(channel, (m) => first.push(m));
      const stopSecond = await port().subscribe(channel, (m) => second.push(m));
      await port().publish(channel, 'one');
      await eventually(() => expect([first, second]).toEqual([['one'], ['one']]));

      await stopFirst();
      const marker = await probe(channel, 'two');
      await port().publish(channel, 'two');
      await marker.arrived;
      expect(first).toEqual(['one']);
      expect(second).toEqual(['one', 'two']);
      await Promise.all([stopSecond(), marker.stop()]);
    });

    it('stops delivering once the last handler unsubscribed', async () => {
      const channel = name('last');
      const other = name('other');
      const received: string[] = [];
      const stop = await port().subscribe(channel, (m) => received.push(m));
      await stop();
      const marker = await probe(other, 'after');
      await port().publish(channel, 'dropped');
      await port().publish(other, 'after');
      await marker.arrived;
      expect(received).toEqual([]);
      await marker.stop();
    });

    it('keeps channels apart', async () => {
      const a = name('a');
      const b = name('b');
      const onA: string[] = [];
      const stopA = await port().subscribe(a, (m) => onA.push(m));
      const marker = await probe(a, 'for-a');
      await port().publish(b, 'for-b');
      await port().publish(a, 'for-a');
      await marker.arrived;
      expect(onA).toEqual(['for-a']);
      await Promise.all([stopA(), marker.stop()]);
    });

    it('a throwing handler does not keep the message from the others', async () => {
      const channel = name('throws');
      const stopBad = await port().subscribe(channel, () => {
        throw new Error('handler bug');
      });
      const marker = await probe(channel, 'still-delivered');
      await port().publish(channel, 'still-delivered');
      await marker.arrived;
      await Promise.all([stopBad(), marker.stop()]);
    });

    it('rejects bad input naming the field', async () => {
      await expect(port().publish('', 'x')).rejects.toThrow(/pubsub\.publish: channel/);
      await expect(port().publish(name('x'), { a: 1 } as unknown as string)).rejects.toThrow(
        /message must be a string/,
      );
      await expect(port().subscribe('', () => undefined)).rejects.toThrow(/pubsub\.subscribe: channel/);
    });
  });
}
