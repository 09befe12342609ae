import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditEvent } from '../audit-event';
import { SpillStore } from './spill-store';

function events(n: number): AuditEvent[] {
  return Array.from({ length: n }, (_, i) => AuditCallBuilder.start({ requestId: `req_${i}` }).finish()[0]);
}

describe('SpillStore', () => {
  let dir: string;
  let store: SpillStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-spill-'));
    store = new SpillStore(join(dir, 'audit-spill'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('has nothing to claim before anything was spilled', async () => {
    expect(await store.hasFiles()).toBe(false);
    expect(await store.claim()).toBeNull();
  });

  it('gives back what was written, oldest file first, and forgets a file once done', async () => {
    const first = events(3);
    const second = events(2);
    await store.write(first);
    await store.write(second);

    const a = await store.claim();
    expect(a?.events).toEqual(first);
    await a!.done();
    const b = await store.claim();
    expect(b?.events).toEqual(second);
    await b!.done();
    expect(await store.claim()).toBeNull();
    expect(await readdir(store.dir)).toEqual([]);
  });

  it('does not hand out a claimed file twice, and offers it again once released', async () => {
    const spilled = events(2);
    await store.write(spilled);
    const claim = await store.claim();
    expect(await store.claim()).toBeNull();
    await claim!.release();
    expect((await store.claim())?.events).toEqual(spilled);
  });

  it('recovers files abandoned mid-write or mid-send, skipping a torn last line', async () => {
    const [whole] = events(1);
    await store.write(events(1));
    await store.claim(); // "sending" when the process died
    await writeFile(join(store.dir, '1-1-1.tmp'), JSON.stringify(whole) + '\n{"id":"cut sho');

    await store.recoverAbandoned();
    const claims = [await store.claim(), await store.claim()];
    const torn = claims.find((c) => c?.unreadableLines === 1);
    expect(torn?.events).toEqual([whole]);
    expect(claims.every((c) => c !== null)).toBe(true);
  });
});
