import { join } from 'node:path';
import { request } from 'undici';
import {
  answeringWorker,
  chat,
  type GatewayProcess,
  isAlive,
  startGateway,
  until,
  useWorkersFixture,
  workerPids,
  workersAnswering,
} from './test-support/gateway-workers';

/**
 * The compiled gateway with VEROSEK_WORKERS=2 in embedded mode (no Redis, no Postgres server): the
 * primary holds PGlite and the shared state, so /metrics counts both workers' calls, the two workers
 * enforce one rate limit, a revocation
 * made on one worker holds on the other at once, every call is audited into the one database, a
 * replaced worker joins the same state, and after SIGTERM the data is on disk for the next start.
 */
const MASTER_KEY = 'sk-master-embedded-workers-test';
const RPM_LIMIT = 4;

describe('api-gateway with VEROSEK_WORKERS=2 in embedded mode', () => {
  const fixture = useWorkersFixture('verosek-embedded-workers-');
  let gateway: GatewayProcess;

  const start = async () =>
    (gateway = fixture.gateway =
      await startGateway(fixture.dir, {
        VEROSEK_WORKERS: '2',
        VEROSEK_MASTER_KEY: MASTER_KEY,
        VEROSEK_CONFIG: fixture.config,
        VEROSEK_DATA_DIR: join(fixture.dir, 'data'),
      }));

  async function admin(method: 'GET' | 'POST', path: string, body?: unknown) {
    const res = await request(`${gateway.origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  }

  /** verosek_requests_total over all labels, from a scrape on a connection of its own. */
  async function requestsCounted(): Promise<number> {
    const res = await request(`${gateway.origin}/metrics`, { headers: { connection: 'close' } });
    expect(res.statusCode).toBe(200);
    return (await res.body.text())
      .split('\n')
      .filter((line) => line.startsWith('verosek_requests_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  async function auditedRequestIds(keyId: string): Promise<string[]> {
    const res = await admin('GET', `/admin/audit?key_id=${keyId}&limit=100`);
    expect(res.status).toBe(200);
    return (res.body.data as { request_id: string }[]).map((event) => event.request_id).sort();
  }

  it('shares rate limits, revocation and the database between its workers, and keeps the data', async () => {
    await start();
    expect(workerPids(gateway.proc.pid!)).toHaveLength(2);
    expect((await workersAnswering(gateway.origin, MASTER_KEY, 2)).size).toBe(2);

    // /metrics counts both workers' calls, whichever worker answers the scrape.
    const counted = await requestsCounted();
    for (let i = 0; i < 6; i++) await answeringWorker(gateway.origin, MASTER_KEY);
    expect([await requestsCounted(), await requestsCounted()]).toEqual([counted + 6, counted + 6]);

    const created = await admin('POST', '/admin/keys', {
      name: 'shared',
      ttl_seconds: 3_600,
      rpm_limit: RPM_LIMIT,
    });
    expect(created.status).toBe(201);
    const { id: keyId, key } = created.body as { id: string; key: string };

    // Each call on a new connection, so the workers take turns: one limit for both, not one each.
    const calls = [];
    for (let i = 0; i < RPM_LIMIT * 2; i++) calls.push(await chat(gateway.origin, key));
    const allowed = calls.filter((c) => c.status === 200);
    expect(allowed).toHaveLength(RPM_LIMIT);
    expect(new Set(allowed.map((c) => c.worker)).size).toBe(2);
    expect(calls.slice(RPM_LIMIT).map((c) => c.status)).toEqual(Array(RPM_LIMIT).fill(429));
    expect(new Set(calls.slice(RPM_LIMIT).map((c) => c.worker)).size).toBe(2);

    // Both workers wrote their calls' audit records into the primary's one PGlite.
    const allowedIds = allowed.map((c) => c.requestId).sort();
    await until(async () => {
      const audited = await auditedRequestIds(keyId);
      return allowedIds.every((id) => audited.includes(id));
    });

    // A second key, revoked through one worker, is refused by both at once (each had it cached).
    const other = (await admin('POST', '/admin/keys', { name: 'revoked', ttl_seconds: 3_600 })).body as {
      id: string;
      key: string;
    };
    const cachedBy = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const call = await chat(gateway.origin, other.key);
      expect(call.status).toBe(200);
      cachedBy.add(call.worker);
    }
    expect(cachedBy.size).toBe(2);
    expect((await admin('POST', `/admin/keys/${other.id}/revoke`)).status).toBe(200);
    const afterRevoke = await Promise.all([chat(gateway.origin, other.key), chat(gateway.origin, other.key)]);
    expect(afterRevoke.map((c) => c.status)).toEqual([401, 401]);
    expect(new Set(afterRevoke.map((c) => c.worker)).size).toBe(2);

    // A worker that dies is replaced, and the replacement joins the same state: the limit still holds.
    const [victim, survivor] = workerPids(gateway.proc.pid!);
    process.kill(victim, 'SIGKILL');
    await until(
      () => workerPids(gateway.proc.pid!).length === 2 && !workerPids(gateway.proc.pid!).includes(victim),
    );
    const before = new Set(allowed.map((c) => c.worker));
    await until(async () => !before.has(await answeringWorker(gateway.origin, MASTER_KEY)));
    const afterReplacement = [await chat(gateway.origin, key), await chat(gateway.origin, key)];
    expect(afterReplacement.map((c) => c.status)).toEqual([429, 429]);
    expect(new Set(afterReplacement.map((c) => c.worker)).size).toBe(2);
    expect(workerPids(gateway.proc.pid!)).toContain(survivor);

    const pids = workerPids(gateway.proc.pid!);
    expect(await gateway.stop()).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);

    // The primary flushed PGlite on its way out: the next start finds the keys and the audit trail.
    await start();
    const again = await admin('GET', `/admin/keys/${other.id}`);
    expect(again.body).toMatchObject({ id: other.id, status: 'revoked' });
    expect(await auditedRequestIds(keyId)).toEqual(expect.arrayContaining(allowedIds));
    expect(await gateway.stop()).toBe(0);
  });
});
