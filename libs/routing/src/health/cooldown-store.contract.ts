import type { CooldownStore } from './cooldown-store';
import type { CooldownPolicy, DeploymentHealth } from './deployment-health';

export interface StorePair {
  /** Two handles on the same shared state, as two gateway replicas would hold. */
  a: CooldownStore;
  b: CooldownStore;
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const POLICY: CooldownPolicy = { allowedFails: 3, cooldownMs: 30_000 };

let sequence = 0;
/** A deployment id no earlier test used (the state is shared for the whole suite). */
function freshId(): string {
  sequence += 1;
  return `contract-deployment-${sequence}`;
}

/** The behaviour every CooldownStore must have; run against each implementation. */
export function cooldownStoreContract(name: string, open: () => Promise<StorePair>): void {
  describe(`CooldownStore contract: ${name}`, () => {
    let pair: StorePair;
    beforeAll(async () => {
      pair = await open();
    });
    afterAll(async () => {
      await pair.close();
    });

    async function cool(
      store: CooldownStore,
      id: string,
      now = T0,
      policy = POLICY,
    ): Promise<DeploymentHealth> {
      let health: DeploymentHealth | undefined;
      for (let i = 0; i < policy.allowedFails; i++)
        health = (await store.recordFailure(id, now, policy)).health;
      return health!;
    }

    it('reads a deployment never recorded as healthy', async () => {
      const id = freshId();
      const health = (await pair.a.read([id])).get(id);
      expect(health).toEqual({ consecutiveFails: 0, cooledUntil: 0, probeLeaseUntil: 0, version: 0 });
    });

    it('cools a deployment at exactly allowedFails consecutive failures, seen by both replicas', async () => {
      const id = freshId();
      expect((await pair.a.recordFailure(id, T0, POLICY)).transition).toBe('counted');
      expect((await pair.b.recordFailure(id, T0, POLICY)).transition).toBe('counted');
      expect((await pair.b.read([id])).get(id)).toMatchObject({ consecutiveFails: 2, cooledUntil: 0 });
      const third = await pair.a.recordFailure(id, T0 + 5, POLICY);
      expect(third.transition).toBe('cooled');
      expect(third.health).toMatchObject({ consecutiveFails: 3, cooledUntil: T0 + 5 + POLICY.cooldownMs });
      expect((await pair.b.read([id])).get(id)).toEqual(third.health);
    });

    it('a success resets the count, so failures must be consecutive', async () => {
      const id = freshId();
      await pair.a.recordFailure(id, T0, POLICY);
      await pair.a.recordFailure(id, T0, POLICY);
      const success = await pair.b.recordSuccess(id, T0);
      expect(success.transition).toBe('reset');
      expect(success.health.consecutiveFails).toBe(0);
      expect((await pair.a.recordFailure(id, T0, POLICY)).transition).toBe('counted');
      expect((await pair.a.recordFailure(id, T0, POLICY)).transition).toBe('counted');
    });

    it('a success on a healthy deployment changes nothing', async () => {
      const id = freshId();
      expect(await pair.a.recordSuccess(id, T0)).toEqual({
        transition: 'unchanged',
        health: { consecutiveFails: 0, cooledUntil: 0, probeLeaseUntil: 0, version: 0 },
      });
    });

    it('a failure during cooldown extends it, never shortens it', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      const extended = await pair.b.recordFailure(id, T0 + 10_000, POLICY);
      expect(extended.transition).toBe('extended');
      expect(extended.health.cooledUntil).toBe(T0 + 10_000 + POLICY.cooldownMs);
      const short = await pair.a.recordFailure(id, T0 + 11_000, { ...POLICY, cooldownMs: 1_000 });
      expect(short.transition).toBe('extended');
      expect(short.health.cooledUntil).toBe(extended.health.cooledUntil);
      expect(cooled.cooledUntil).toBeLessThan(extended.health.cooledUntil);
    });

    it('a late success during cooldown does not end it', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      const success = await pair.b.recordSuccess(id, T0 + 1_000);
      expect(success.transition).toBe('unchanged');
      expect((await pair.a.read([id])).get(id)).toEqual(cooled);
    });

    it('gives the probe of a half-open deployment to exactly one of many concurrent claims', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      expect((await pair.a.claimProbe(id, cooled.cooledUntil - 1, 5_000)).claimed).toBe(false);

      const after = cooled.cooledUntil + 1;
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? pair.a : pair.b).claimProbe(id, after, 5_000)),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect(claims.find((c) => c.claimed)!.health.probeLeaseUntil).toBe(after + 5_000);
    });

    it('offers the probe again once the lease of a silent prober ran out', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      const start = cooled.cooledUntil;
      expect((await pair.a.claimProbe(id, start, 5_000)).claimed).toBe(true);
      expect((await pair.b.claimProbe(id, start + 4_999, 5_000)).claimed).toBe(false);
      expect((await pair.b.claimProbe(id, start + 5_000, 5_000)).claimed).toBe(true);
    });

    it('a probe success restores the deployment', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      await pair.a.claimProbe(id, cooled.cooledUntil, 5_000);
      const restored = await pair.a.recordSuccess(id, cooled.cooledUntil + 100);
      expect(restored.transition).toBe('restored');
      expect(restored.health).toMatchObject({ consecutiveFails: 0, cooledUntil: 0, probeLeaseUntil: 0 });
      expect((await pair.b.read([id])).get(id)).toEqual(restored.health);
    });

    it('a probe failure cools the deployment again and frees the lease', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      await pair.b.claimProbe(id, cooled.cooledUntil, 5_000);
      const failedAt = cooled.cooledUntil + 100;
      const recooled = await pair.b.recordFailure(id, failedAt, POLICY);
      expect(recooled.transition).toBe('recooled');
      expect(recooled.health).toMatchObject({
        cooledUntil: failedAt + POLICY.cooldownMs,
        probeLeaseUntil: 0,
      });
    });

    it('releases a probe only for the holder of that lease', async () => {
      const id = freshId();
      const cooled = await cool(pair.a, id);
      const claim = await pair.a.claimProbe(id, cooled.cooledUntil, 5_000);
      const wrong = await pair.b.releaseProbe(id, cooled.cooledUntil + 1, claim.health.probeLeaseUntil + 1);
      expect(wrong).toEqual(claim.health);
      const released = await pair.a.releaseProbe(id, cooled.cooledUntil + 1, claim.health.probeLeaseUntil);
      expect(released.probeLeaseUntil).toBe(0);
      expect((await pair.b.claimProbe(id, cooled.cooledUntil + 2, 5_000)).claimed).toBe(true);
    });

    it('every change carries a larger version than the one before', async () => {
      const id = freshId();
      const versions: number[] = [];
      for (let i = 0; i < 3; i++) versions.push((await pair.a.recordFailure(id, T0, POLICY)).health.version);
      const claim = await pair.b.claimProbe(id, T0 + POLICY.cooldownMs, 5_000);
      versions.push(claim.health.version);
      versions.push((await pair.a.recordSuccess(id, T0 + POLICY.cooldownMs + 1)).health.version);
      for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]);
    });

    it("notifies watchers of every replica about another replica's changes", async () => {
      const id = freshId();
      const seen: DeploymentHealth[] = [];
      let cooledSeen!: () => void;
      const cooledPromise = new Promise<void>((resolve) => (cooledSeen = resolve));
      const stop = await pair.b.watch({
        onChange: (changed, health) => {
          if (changed !== id) return;
          seen.push(health);
          if (health.cooledUntil !== 0) cooledSeen();
        },
        onResync: () => undefined,
      });
      try {
        const cooled = await cool(pair.a, id);
        await cooledPromise;
        expect(seen.map((h) => h.consecutiveFails)).toEqual([1, 2, 3]);
        expect(seen[2]).toEqual(cooled);
      } finally {
        await stop();
      }
    });
  });
}
