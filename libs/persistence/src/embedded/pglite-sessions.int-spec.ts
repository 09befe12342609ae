import { Socket } from 'node:net';
import { Client } from 'pg';
import { type EmbeddedPostgres, IN_MEMORY, startEmbeddedPostgres } from './embedded-postgres';

// Several connections share PGlite's one session: each connection's extended-protocol batch and each
// open transaction must run without another connection's messages in between. The clients send their
// protocol messages one at a time (see tricklingSocket), so that the server sees them interleaved.

let server: EmbeddedPostgres;
let clients: Client[];

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: server.url, stream: tricklingSocket });
  // A connection a test kills reports it here; the test checks its queries instead.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Every trickling socket's writes not sent yet; each tick, every socket sends its oldest one. */
const trickles = new Set<Array<() => void>>();
let ticker: NodeJS.Timeout;

/**
 * A socket that sends pg's protocol messages one per tick, in step with the other trickling sockets:
 * the server reads a query's Parse, Bind, Describe, Execute and Sync separately (as it does those of a
 * query with big parameters), with the other connections' messages in between.
 */
function tricklingSocket(): Socket {
  const socket = new Socket();
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  const pending: Array<() => void> = [];
  trickles.add(pending);
  socket.once('close', () => trickles.delete(pending));
  // pg corks the stream around a query's messages so that they leave together.
  socket.cork = () => undefined;
  socket.uncork = () => undefined;
  // Only once connected: connect() puts back the prototype's write. pg's own 'connect' listener, which
  // sends the startup message, comes after this one.
  socket.once('connect', () => {
    socket.write = ((...args: unknown[]) => pending.push(() => write(...args)) > 0) as Socket['write'];
  });
  return socket;
}

async function countRows(client: Client, marker: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM session_probe WHERE marker = $1',
    [marker],
  );
  return result.rows[0].n;
}

/**
 * Runs query(i) for i < count spread over the clients, every client working through its share at
 * once (pg sends a client's next query when the last one is answered: the concurrency is between
 * connections).
 */
async function acrossClients<T>(
  on: Client[],
  count: number,
  query: (client: Client, i: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = [];
  await Promise.all(
    on.map(async (client, first) => {
      for (let i = first; i < count; i += on.length) {
        results[i] = await query(client, i).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
      }
    }),
  );
  return results;
}

/** Whether the promise is still unsettled after a while. */
async function stillPending(promise: Promise<unknown>, ms = 300): Promise<boolean> {
  const pending = Symbol('pending');
  const timer = new Promise((resolve) => setTimeout(() => resolve(pending), ms));
  return (
    (await Promise.race([
      promise.then(
        () => 'settled',
        () => 'settled',
      ),
      timer,
    ])) === pending
  );
}

beforeAll(async () => {
  ticker = setInterval(() => trickles.forEach((pending) => pending.shift()?.()), 1);
  server = await startEmbeddedPostgres(IN_MEMORY, { maxConnections: 8 });
  clients = await Promise.all([connect(), connect(), connect()]);
  await clients[0].query('CREATE TABLE session_probe (marker text NOT NULL)');
});

afterAll(async () => {
  await Promise.all((clients ?? []).map((client) => client.end().catch(() => undefined)));
  await server?.stop();
  clearInterval(ticker);
});

describe('PGlite shared by several connections', () => {
  it('gives every concurrent parameterized query its own statement and values', async () => {
    // Each query's text differs, so a Bind landing on another connection's statement shows.
    const results = await acrossClients(clients, 200, (client, i) =>
      client
        .query(`SELECT ${i} AS query, $1::int AS n, $2::text AS s`, [i, `value-${i}`])
        .then((result) => result.rows),
    );
    expect(results).toEqual(
      Array.from({ length: 200 }, (_, i) => ({
        status: 'fulfilled',
        value: [{ query: i, n: i, s: `value-${i}` }],
      })),
    );
  });

  it('holds the session for an open transaction until it commits', async () => {
    const [a, b] = clients;
    await a.query('BEGIN');
    await a.query('INSERT INTO session_probe (marker) VALUES ($1)', ['committed']);
    const seenByB = countRows(b, 'committed');
    expect(await stillPending(seenByB)).toBe(true);
    await a.query('COMMIT');
    expect(await seenByB).toBe(1);
  });

  it.each([
    ['ends', (client: Client) => void client.end()],
    ['drops its socket', (client: Client) => client.connection.stream.destroy()],
  ])('rolls back the transaction of a connection that %s mid-transaction', async (how, kill) => {
    const [a, b] = clients;
    const marker = `abandoned-${how}`;
    const doomed = await connect();
    await doomed.query('BEGIN');
    await doomed.query('INSERT INTO session_probe (marker) VALUES ($1)', [marker]);
    const seenByA = countRows(a, marker);
    expect(await stillPending(seenByA)).toBe(true);

    kill(doomed);

    expect(await seenByA).toBe(0);
    expect(await countRows(b, marker)).toBe(0);
    expect((await b.query('SELECT $1::text AS s', ['after'])).rows).toEqual([{ s: 'after' }]);
  });

  it('keeps serving the other connections after a query error', async () => {
    const [a, b, c] = clients;
    // a's queries (every third) fail at Execute; b's and c's, arriving before a's Sync, must wait for it.
    const results = await acrossClients([a, b, c], 60, (client, i) =>
      client
        .query<{ n: number }>('SELECT $1::int / $2::int AS n', [i, client === a ? 0 : 1])
        .then((result) => result.rows[0].n),
    );
    expect(
      results.map((result) => (result.status === 'fulfilled' ? result.value : String(result.reason))),
    ).toEqual(Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'error: division by zero' : i)));
    expect((await a.query('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
  });

  it('refuses a connection beyond its limit as Postgres does (FATAL 53300), and takes one again once one ends', async () => {
    const extra: Client[] = [];
    let refusal: (Error & { code?: string; severity?: string }) | undefined;
    try {
      // The limit is 8 and 3 clients are open; a connection an earlier test ended may still be closing.
      while (!refusal && extra.length < 8) {
        const client = new Client({ connectionString: server.url });
        client.on('error', () => undefined);
        await client.connect().then(
          () => extra.push(client),
          (err: Error) => (refusal = err),
        );
      }
      expect(refusal?.message).toBe('sorry, too many clients already');
      expect(refusal).toMatchObject({ code: '53300', severity: 'FATAL' });
      expect(extra.length).toBeLessThanOrEqual(5);

      await extra.pop()!.end();
      let again: Client | undefined;
      for (let tries = 0; !again; tries++) {
        const client = new Client({ connectionString: server.url });
        client.on('error', () => undefined);
        try {
          await client.connect();
          again = client;
        } catch (err) {
          // The ended connection leaves the server's count a moment after the client sees it end.
          if (tries >= 20) throw err;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      extra.push(again);
      expect((await again.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all(extra.map((client) => client.end().catch(() => undefined)));
    }
  });
});
