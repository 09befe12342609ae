/**
 * The program of the worker thread that hosts PGlite and its socket server, as plain CommonJS source
 * run with `new Worker(source, { eval: true })`. Why a worker: PGlite executes each query
 * synchronously in WASM, which would stall the gateway's event loop for the query's duration. Why
 * source text rather than a file: it then runs the same from the SWC build and under jest (whose module
 * sandbox cannot follow PGlite's dynamic imports), with no build step to copy a .js file.
 *
 * PGlite has one session. pglite-socket's own server feeds it the sockets' messages interleaved one by
 * one, so two connections' extended-protocol batches (Parse, Bind, Describe, Execute, Sync) would mix
 * (one Binds the other's unnamed statement), and its queue stalls for good after a failed message. We
 * keep its PGLiteSocketHandler (framing, SSL and cancel requests) and put our own SessionQueue behind it.
 *
 * workerData: { pglitePath, socketPath, dataDir, maxConnections }.
 * Messages out: { type: 'listening', address } | { type: 'stopped' } | { type: 'failed', message }.
 * Message in: 'stop'.
 */
export const PGLITE_HOST_SOURCE = `
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketHandler } = require(workerData.socketPath);

const describe = (err) => {
  if (err && err.message) return err.message;
  try {
    return typeof err === 'object' ? JSON.stringify(err) : String(err);
  } catch {
    return String(err);
  }
};

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const PROTOCOL_3 = 196608;

/** True if, after this message, the session is between batches: Sync, simple Query, Terminate, startup. */
function endsBatch(message) {
  const isStartup =
    message.length >= 8 && new DataView(message.buffer, message.byteOffset).getInt32(4) === PROTOCOL_3;
  return isStartup || message[0] === 0x53 || message[0] === 0x51 || message[0] === 0x58;
}

/**
 * Runs the handlers' messages on PGlite one at a time. After a message from handler H, H owns the
 * session while its batch is open (no Sync yet) or a transaction is: only H's messages run until then.
 * Same interface as pglite-socket's QueryQueueManager, which PGLiteSocketHandler calls.
 */
class SessionQueue {
  constructor(db) {
    this.db = db;
    this.items = [];
    this.owner = null;
    this.midBatch = false;
    this.draining = false;
  }

  /** Resolves with the number of bytes PGlite answered (passed to onData as they come). */
  enqueue(handlerId, message, onData) {
    return this.push({ handlerId, message, onData });
  }

  getQueueLength() {
    return this.items.length;
  }

  clearQueueForHandler(handlerId) {
    this.items = this.items.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  // Queued (first, and runnable whoever owns the session) so that it runs after the message in flight.
  // Never rejects: the handler calls it from detach() without catching, and an unhandled rejection
  // would end this thread, and the database with it.
  clearTransactionIfNeeded(handlerId) {
    return this.push({ handlerId, release: true }, true).catch(() => {});
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
        item.resolve(item.release ? await this.release(item.handlerId) : await this.execute(item));
      } catch (err) {
        item.reject(err);
      }
    }
    this.draining = false;
  }

  /** The oldest runnable item; while someone owns the session, the owner waits for its next message. */
  next() {
    const index = this.items.findIndex(
      (item) => item.release || this.owner === null || item.handlerId === this.owner,
    );
    return index === -1 ? undefined : this.items.splice(index, 1)[0];
  }

  async execute(item) {
    let written = 0;
    try {
      await this.run(item.message, (data) => {
        written += data.length;
        item.onData(data);
      });
    } finally {
      this.midBatch = !endsBatch(item.message);
      this.owner = this.midBatch || this.db.isInTransaction() ? item.handlerId : null;
    }
    return written;
  }

  /** The handler is gone: end what it left open on the session, discarding the output. */
  async release(handlerId) {
    if (this.owner !== handlerId) return;
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

async function serve() {
  const db = await PGlite.create(workerData.dataDir);
  const queryQueue = new SessionQueue(db);
  const handlers = new Set();
  let stopping = false;

  const server = createServer((socket) => {
    if (stopping || handlers.size >= workerData.maxConnections) {
      socket.on('error', () => {});
      socket.end(stopping ? undefined : 'Too many connections\\n');
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket).catch(() => {
      handlers.delete(handler);
      socket.destroy();
    });
  });
  server.maxConnections = workerData.maxConnections;
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
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      handlers.clear();
      await closed;
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    } catch (err) {
      parentPort.postMessage({ type: 'failed', message: 'stopping: ' + describe(err) });
    }
    parentPort.close();
  });
  const { address, port } = server.address();
  parentPort.postMessage({ type: 'listening', address: address + ':' + port });
}

serve().catch((err) => {
  parentPort.postMessage({ type: 'failed', message: describe(err) });
  parentPort.close();
});
`;
