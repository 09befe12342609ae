import { THREAD_PRIORITY_SOURCE } from './thread-priority.worker-source';

/**
 * The program of the worker thread that hosts PGlite and its socket server, as plain CommonJS source
 * run with `new Worker(source, { eval: true })`. Why a worker: PGlite executes each query
 * synchronously in WASM, which would stall the gateway's event loop for the query's duration. Why
 * source text rather than a file: it then runs the same from the SWC build and under jest (whose module
 * sandbox cannot follow PGlite's dynamic imports), with no build step to copy a .js file.
 *
 * PGlite has one session, shared by every socket. pglite-socket's server feeds it the sockets' messages
 * interleaved one by one, so two connections' extended-protocol batches (Parse, Bind, Describe,
 * Execute, Sync) would mix (one Binds the other's unnamed statement), and its queue stalls for good
 * after a failed message. Its handler also runs and answers every message on its own: each pays
 * PGlite's fixed cost per call and its own socket write. Here a Connection frames a socket's bytes and
 * hands the messages that arrived together to the SessionQueue as one item (one pass through PGlite,
 * one write back), and the SessionQueue keeps each batch and open transaction together.
 *
 * The thread runs at background CPU priority where it can (thread-priority.worker-source.ts).
 *
 * workerData: { pglitePath, dataDir, maxConnections, priority? }.
 * Messages out: { type: 'listening', address, threadId } | { type: 'stopped' } | { type: 'failed', message }
 * | { type: 'priority', mode, why } (any time after 'listening').
 * Message in: 'stop'.
 */
export const PGLITE_HOST_SOURCE = `${THREAD_PRIORITY_SOURCE}
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);

const describe = (err) => {
  if (err && err.message) return err.message;
  try {
    return typeof err === 'object' ? JSON.stringify(err) : String(err);
  } catch {
    return String(err);
  }
};

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const QUERY = 0x51;
const TERMINATE = 0x58;
// Request codes of the untyped messages a client may send before its startup message.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** What Postgres answers a connection beyond max_connections: a FATAL ErrorResponse, SQLSTATE 53300. */
const TOO_MANY_CLIENTS = errorResponse('FATAL', '53300', 'sorry, too many clients already');

function errorResponse(severity, code, message) {
  const fields = Buffer.from(
    'S' + severity + '\\0V' + severity + '\\0C' + code + '\\0M' + message + '\\0\\0',
    'utf8',
  );
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

/**
 * Runs the connections' items on PGlite one at a time. After an item from connection C that leaves a
 * batch open (no Sync yet) or a transaction, C owns the session: only C's items run until it ends.
 */
class SessionQueue {
  constructor(db) {
    this.db = db;
    this.items = [];
    this.owner = null;
    this.midBatch = false;
    this.draining = false;
  }

  /** Runs one or more whole protocol messages; resolves with PGlite's answer to all of them. */
  enqueue(connectionId, message, endsBatch) {
    return this.push({ connectionId, message, endsBatch });
  }

  /** The connection is gone: drops its waiting items and ends what it left open on the session. */
  forget(connectionId) {
    this.items = this.items.filter((item) => {
      if (item.connectionId !== connectionId) return true;
      item.reject(new Error('connection closed'));
      return false;
    });
    // First in line, and runnable whoever owns the session, so that it runs after the item in flight.
    return this.push({ connectionId, release: true }, true);
  }

  push(fields, first = false) {
    return new Promise((resolve, reject) => {
      const item = { ...fields, resolve, reject };
      if (first) this.items.unshift(item);
      else this.items.push(item);
      void this.drain();
    });
  }

  async drain() {
    if (this.draining) return;
    this.draining = true;
    for (let item = this.next(); item; item = this.next()) {
      try {
        item.resolve(item.release ? await this.release(item.connectionId) : await this.execute(item));
      } catch (err) {
        item.reject(err);
      }
    }
    this.draining = false;
  }

  /** The oldest runnable item; while someone owns the session, the owner waits for its next message. */
  next() {
    const index = this.items.findIndex(
      (item) => item.release || this.owner === null || item.connectionId === this.owner,
    );
    return index === -1 ? undefined : this.items.splice(index, 1)[0];
  }

  async execute(item) {
    const answer = [];
    try {
      // PGlite passes views of its WASM memory, reused by the next call: copy.
      await this.run(item.message, (data) => answer.push(Buffer.from(data)));
    } finally {
      this.midBatch = !item.endsBatch;
      this.owner = this.midBatch || this.db.isInTransaction() ? item.connectionId : null;
    }
    return answer.length === 1 ? answer[0] : Buffer.concat(answer);
  }

  async release(connectionId) {
    if (this.owner !== connectionId) return;
    try {
      if (this.midBatch) await this.run(SYNC, () => {});
      // exec takes PGlite's query lock itself (inside runExclusive it would wait on itself).
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.owner = null;
      this.midBatch = false;
    }
  }

  run(message, onRawData) {
    return this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData }));
  }
}

/**
 * One client socket. Frames its bytes into protocol messages; the messages of one read go to the
 * queue together (pg writes a query's Parse, Bind, Describe, Execute and Sync at once), and the answer
 * goes back in one write. Items of a connection run in order, one at a time.
 */
class Connection {
  constructor(id, socket, queue, onClosed) {
    this.id = id;
    this.socket = socket;
    this.queue = queue;
    this.onClosed = onClosed;
    this.buffered = Buffer.alloc(0);
    this.started = false;
    this.closed = false;
    this.work = Promise.resolve();
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.close());
  }

  receive(chunk) {
    if (this.closed) return;
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let group = [];
    for (let message = this.take(); message; message = this.take()) {
      if (!this.started) {
        this.startupMessage(message);
      } else if (message[0] === TERMINATE) {
        this.submit(group);
        group = [];
        this.work = this.work.then(() => this.socket.end());
      } else {
        group.push(message);
      }
    }
    this.submit(group);
  }

  /** The next whole message off the buffer, or undefined until more bytes arrive. */
  take() {
    const typed = this.started ? 1 : 0;
    if (this.buffered.length < typed + 4) return undefined;
    const length = typed + this.buffered.readInt32BE(typed);
    if (length < typed + 4) {
      this.socket.destroy();
      return undefined;
    }
    if (this.buffered.length < length) return undefined;
    const message = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return message;
  }

  /** Before startup: refuse encryption, ignore cancel requests (not supported), run the startup message. */
  startupMessage(message) {
    const code = message.length >= 8 ? message.readInt32BE(4) : 0;
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
    } else if (code === CANCEL_REQUEST) {
      this.socket.end();
    } else {
      this.started = true;
      this.submit([message], true);
    }
  }

  /** endsBatch: after the last message the connection is between batches (Sync, Query, startup). */
  submit(messages, endsBatch) {
    if (messages.length === 0) return;
    const last = messages[messages.length - 1];
    endsBatch ??= last[0] === SYNC[0] || last[0] === QUERY;
    const message = messages.length === 1 ? messages[0] : Buffer.concat(messages);
    // Never a rejected link: the next item would be skipped, and an unhandled rejection ends this
    // thread, and the database with it.
    this.work = this.work.then(() => this.run(message, endsBatch)).catch(() => this.socket.destroy());
  }

  async run(message, endsBatch) {
    if (this.closed) return;
    let answer;
    try {
      answer = await this.queue.enqueue(this.id, message, endsBatch);
    } catch {
      this.socket.destroy();
      return;
    }
    if (answer.length > 0 && !this.socket.destroyed) this.socket.write(answer);
  }

  /** Ends the socket; what the connection left open on the session is ended first. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.queue.forget(this.id);
    } catch {
      // Nothing to end, or PGlite is closing: either way the connection is gone.
    }
    this.socket.destroy();
    this.onClosed(this);
  }
}

async function serve() {
  const db = await PGlite.create(workerData.dataDir);
  const queue = new SessionQueue(db);
  const connections = new Set();
  let lastId = 0;
  let stopping = false;

  const server = createServer((socket) => {
    if (stopping || connections.size >= workerData.maxConnections) {
      socket.on('error', () => {});
      // Read and drop what the client sends (its startup message), or its end would never be seen
      // and the socket, half closed, would hold server.close() up.
      socket.resume();
      socket.end(stopping ? undefined : TOO_MANY_CLIENTS);
      return;
    }
    connections.add(new Connection(++lastId, socket, queue, (closed) => connections.delete(closed)));
  });
  try {
    await new Promise((resolve, reject) => {
      // Stays on: an error after listening (a failed accept) then settles nothing and ends no thread.
      server.on('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
  } catch (err) {
    await db.close();
    throw err;
  }

  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    try {
      stopping = true;
      const closed = new Promise((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((connection) => connection.close()));
      await closed;
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    } catch (err) {
      parentPort.postMessage({ type: 'failed', message: 'stopping: ' + describe(err) });
    }
    parentPort.close();
  });
  const { address, port } = server.address();
  parentPort.postMessage({ type: 'listening', address: address + ':' + port, threadId: osThreadId() });
  const priority = ThreadPriority.ofThisThread(workerData.priority, (mode, why) =>
    parentPort.postMessage({ type: 'priority', mode, why }),
  );
  priority?.start();
}

serve().catch((err) => {
  parentPort.postMessage({ type: 'failed', message: describe(err) });
  parentPort.close();
});
`;
