/**
 * The program of the worker thread that hosts PGlite and its socket server, as plain CommonJS source
 * run with `new Worker(source, { eval: true })`. Why a worker: PGlite executes each query
 * synchronously in WASM, which would stall the gateway's event loop for the query's duration. Why
 * source text rather than a file: it then runs the same from the SWC build and under jest (whose module
 * sandbox cannot follow PGlite's dynamic imports), with no build step to copy a .js file.
 *
 * workerData: { pglitePath, socketPath, dataDir, maxConnections }.
 * Messages out: { type: 'listening', address } | { type: 'stopped' } | { type: 'failed', message }.
 * Message in: 'stop'.
 */
export const PGLITE_HOST_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketServer } = require(workerData.socketPath);

const describe = (err) => {
  if (err && err.message) return err.message;
  try {
    return typeof err === 'object' ? JSON.stringify(err) : String(err);
  } catch {
    return String(err);
  }
};

async function serve() {
  const db = await PGlite.create(workerData.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: workerData.maxConnections,
  });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    } catch (err) {
      parentPort.postMessage({ type: 'failed', message: 'stopping: ' + describe(err) });
    }
    parentPort.close();
  });
  parentPort.postMessage({ type: 'listening', address: server.getServerConn() });
}

serve().catch((err) => {
  parentPort.postMessage({ type: 'failed', message: describe(err) });
  parentPort.close();
});
`;
