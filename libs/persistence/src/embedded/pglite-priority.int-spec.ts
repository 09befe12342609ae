import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { type EmbeddedPostgres, IN_MEMORY, startEmbeddedPostgres } from './embedded-postgres';

// PGlite's thread runs as SCHED_IDLE, and at normal priority while its event loop runs late
// (thread-priority.worker-source.ts). The policy is read from the kernel, not from the thread's word.

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/** The scheduling policy of one of this process's threads: field 41 of /proc/<pid>/task/<tid>/stat. */
function policyOf(threadId: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${threadId}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[41 - 3]);
}

/** Resolves once `check()` holds, polling while `meanwhile` (if any) keeps running. */
async function until(check: () => boolean, what: string, meanwhile?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await (meanwhile ? meanwhile() : new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

async function connect(server: EmbeddedPostgres): Promise<Client> {
  const client = new Client({ connectionString: server.url });
  await client.connect();
  return client;
}

/** About 70 ms of PGlite's time on a 2-core CI machine. */
const SLOW_QUERY = 'SELECT count(*)::int AS n FROM generate_series(1, 400000)';

describe('PGlite thread priority', () => {
  let server: EmbeddedPostgres | undefined;
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
    await server?.stop();
    server = undefined;
  });

  it('runs PGlite at background CPU priority (SCHED_IDLE) once it serves', async () => {
    server = await startEmbeddedPostgres(IN_MEMORY);
    const threadId = server.threadId!;
    expect(threadId).toEqual(expect.any(Number));
    expect(threadId).not.toBe(process.pid);

    await until(() => policyOf(threadId) === SCHED_IDLE, 'the thread is SCHED_IDLE');
    clients.push(await connect(server));
    expect((await clients[0].query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('returns to normal priority when its event loop runs late, and to the background once it runs on time', async () => {
    server = await startEmbeddedPostgres(IN_MEMORY, { priority: { catchUpAfterMs: 20, holdMs: 300 } });
    const threadId = server.threadId!;
    await until(() => policyOf(threadId) === SCHED_IDLE, 'the thread is SCHED_IDLE');
    clients.push(await connect(server), await connect(server), await connect(server));

    // Three connections' slow queries at once hold the thread's event loop up for their whole length.
    const slowQueriesTogether = () => Promise.all(clients.map((client) => client.query(SLOW_QUERY)));
    await until(
      () => policyOf(threadId) === SCHED_OTHER,
      'the thread is back at SCHED_OTHER',
      slowQueriesTogether,
    );

    // Idle, the loop runs on time, and after holdMs the thread goes back to the background.
    await until(() => policyOf(threadId) === SCHED_IDLE, 'the thread is SCHED_IDLE again');
    expect((await clients[1].query(SLOW_QUERY)).rows).toEqual([{ n: 400000 }]);
  });
});
