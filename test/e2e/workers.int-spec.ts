import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { AdminClient, eventually } from '../harness/admin-client';
import type { AppProcess } from '../harness/app-processes';
import { stopApp, waitReady } from '../harness/app-processes';
import { useBuiltApps } from '../harness/built-apps';
import { DATABASE_URL, MASTER_KEY, REDIS_URL } from '../harness/gateway-harness';
import { answeringWorker, chat, isAlive, workerPids, workersAnswering } from '../harness/worker-processes';

jest.setTimeout(120_000);

const MODEL = 'gpt-4o';
const RPM_LIMIT = 4;

/**
 * The built api-gateway with VEROSEK_WORKERS=2 (node:cluster), as `npm start` runs it. Cluster mode:
 * calls are spread over two workers, a killed worker is replaced, SIGTERM stops them all. Embedded
 * mode (no Redis, no Postgres server): the primary holds PGlite and the shared state, so /metrics counts
 * both workers' calls, the workers enforce one rate limit, a revocation through one holds on the other at
 * once, every call is audited into the one database, a replaced worker joins the same state, and after
 * SIGTERM the data is on disk for the next start.
 */
describe('api-gateway with VEROSEK_WORKERS=2', () => {
  const built = useBuiltApps('workers');

  async function startGateway(env: Record<string, string>): Promise<AppProcess> {
    const app = await built.spawn('api-gateway', {
      VEROSEK_WORKERS: '2',
      VEROSEK_MASTER_KEY: MASTER_KEY,
      VEROSEK_CONFIG: built.configFile,
      ...env,
    });
    await waitReady(app, 60_000);
    return app;
  }

  /** SIGTERM; the exit code once every worker has drained. */
  async function stop(app: AppProcess): Promise<number | null> {
    await stopApp(app, 30_000);
    return app.child.exitCode;
  }

  it('cluster mode: spreads calls over two worker processes, replaces a dead one and stops on SIGTERM', async () => {
    const gateway = await startGateway({ REDIS_URL, DATABASE_URL });
    const primary = gateway.child.pid!;

    const firstTwo = await workersAnswering(gateway.url, MASTER_KEY, MODEL, 2);
    expect(firstTwo.size).toBe(2);
    expect(workerPids(primary)).toHaveLength(2);

    const [victim] = workerPids(primary);
    process.kill(victim, 'SIGKILL');
    await eventually(
      () => workerPids(primary).length === 2 && !workerPids(primary).includes(victim),
      'a replacement worker',
    );
    // The replacement answers once it listens (a new cluster id); the survivor serves meanwhile.
    await eventually(
      async () => !firstTwo.has(await answeringWorker(gateway.url, MASTER_KEY, MODEL)),
      'the replacement answering',
      20_000,
    );

    const pids = workerPids(primary);
    expect(await stop(gateway)).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('refuses two workers with Redis but no Postgres, saying what is needed', () => {
    const run = spawnSync(process.execPath, [join(built.buildDir, 'apps/api-gateway/src/main.js')], {
      cwd: built.workDir,
      env: {
        PATH: process.env.PATH,
        REDIS_URL,
        VEROSEK_WORKERS: '2',
        VEROSEK_DATA_DIR: join(built.workDir, 'refused-data'),
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'VEROSEK_WORKERS is 2, but several workers need both REDIS_URL and DATABASE_URL',
    );
  });

  it('embedded mode: shares metrics, rate limits, revocation and the database between its workers, and keeps the data', async () => {
    const embedded = { VEROSEK_DATA_DIR: join(built.workDir, 'embedded-data') };
    let gateway = await startGateway(embedded);
    const admin = () => new AdminClient(gateway.url);
    const auditedRequestIds = async (keyId: string) =>
      (await admin().get<{ data: { request_id: string }[] }>(`/admin/audit?key_id=${keyId}&limit=100`)).data
        .map((event) => event.request_id)
        .sort();
    /** verosek_requests_total over all labels, from a scrape on a connection of its own. */
    const requestsCounted = async () => {
      const res = await request(`${gateway.url}/metrics`, { headers: { connection: 'close' } });
      expect(res.statusCode).toBe(200);
      return (await res.body.text())
        .split('\n')
        .filter((line) => line.startsWith('verosek_requests_total{'))
        .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    };

    expect(workerPids(gateway.child.pid!)).toHaveLength(2);
    expect((await workersAnswering(gateway.url, MASTER_KEY, MODEL, 2)).size).toBe(2);

    // /metrics counts both workers' calls, whichever worker answers the scrape.
    const counted = await requestsCounted();
    for (let i = 0; i < 6; i++) await answeringWorker(gateway.url, MASTER_KEY, MODEL);
    expect([await requestsCounted(), await requestsCounted()]).toEqual([counted + 6, counted + 6]);

    const { id: keyId, key } = await admin().createKey({
      name: 'shared',
      ttl_seconds: 3_600,
      rpm_limit: RPM_LIMIT,
    });

    // Each call on a new connection, so the workers take turns: one limit for both, not one each.
    const calls = [];
    for (let i = 0; i < RPM_LIMIT * 2; i++) calls.push(await chat(gateway.url, key, MODEL));
    const allowed = calls.filter((c) => c.status === 200);
    expect(allowed).toHaveLength(RPM_LIMIT);
    expect(new Set(allowed.map((c) => c.worker)).size).toBe(2);
    expect(calls.slice(RPM_LIMIT).map((c) => c.status)).toEqual(Array(RPM_LIMIT).fill(429));
    expect(new Set(calls.slice(RPM_LIMIT).map((c) => c.worker)).size).toBe(2);

    // Both workers wrote their calls' audit records into the primary's one PGlite.
    const allowedIds = allowed.map((c) => c.requestId).sort();
    await eventually(async () => {
      const audited = await auditedRequestIds(keyId);
      return allowedIds.every((id) => audited.includes(id));
    }, 'every allowed call in audit');

    // A second key, revoked through one worker, is refused by both at once (each had it cached).
    const other = await admin().createKey({ name: 'revoked', ttl_seconds: 3_600 });
    const cachedBy = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const call = await chat(gateway.url, other.key, MODEL);
      expect(call.status).toBe(200);
      cachedBy.add(call.worker);
    }
    expect(cachedBy.size).toBe(2);
    await admin().revokeKey(other.id);
    const afterRevoke = await Promise.all([
      chat(gateway.url, other.key, MODEL),
      chat(gateway.url, other.key, MODEL),
    ]);
    expect(afterRevoke.map((c) => c.status)).toEqual([401, 401]);
    expect(new Set(afterRevoke.map((c) => c.worker)).size).toBe(2);

    // A worker that dies is replaced, and the replacement joins the same state: the limit still holds.
    const primary = gateway.child.pid!;
    const [victim, survivor] = workerPids(primary);
    process.kill(victim, 'SIGKILL');
    await eventually(
      () => workerPids(primary).length === 2 && !workerPids(primary).includes(victim),
      'a replacement worker',
    );
    const before = new Set(allowed.map((c) => c.worker));
    await eventually(
      async () => !before.has(await answeringWorker(gateway.url, MASTER_KEY, MODEL)),
      'the replacement answering',
      20_000,
    );
    const afterReplacement = [await chat(gateway.url, key, MODEL), await chat(gateway.url, key, MODEL)];
    expect(afterReplacement.map((c) => c.status)).toEqual([429, 429]);
    expect(new Set(afterReplacement.map((c) => c.worker)).size).toBe(2);
    expect(workerPids(primary)).toContain(survivor);

    const pids = workerPids(primary);
    expect(await stop(gateway)).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);

    // The primary flushed PGlite on its way out: the next start finds the keys and the audit trail.
    gateway = await startGateway(embedded);
    expect(await admin().getKey(other.id)).toMatchObject({ id: other.id, status: 'revoked' });
    expect(await auditedRequestIds(keyId)).toEqual(expect.arrayContaining(allowedIds));
    expect(await stop(gateway)).toBe(0);
  });
});
