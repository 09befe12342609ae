import { readFileSync } from 'node:fs';
import { request } from 'undici';

/**
 * Helpers for a gateway run with VEROSEK_WORKERS > 1: which processes are its workers, and calls that
 * each open a connection of their own (node:cluster hands each new connection to the next worker), so
 * consecutive calls reach different workers.
 */

/** The primary's child processes: the workers. */
export function workerPids(primary: number): number[] {
  return readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface WorkerCall {
  status: number;
  body: unknown;
  /** The answering worker's node:cluster id (x-verosek-worker). */
  worker: string;
  requestId: string;
}

/** One chat call to model `model` with key `key`, on a connection of its own. */
export async function chat(origin: string, key: string, model: string): Promise<WorkerCall> {
  const res = await request(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const worker = res.headers['x-verosek-worker'];
  if (typeof worker !== 'string') throw new Error(`no x-verosek-worker header (status ${res.statusCode})`);
  return {
    status: res.statusCode,
    body: await res.body.json(),
    worker,
    requestId: res.headers['x-request-id'] as string,
  };
}

/** One successful chat call; the id of the worker that answered it. */
export async function answeringWorker(origin: string, key: string, model: string): Promise<string> {
  const call = await chat(origin, key, model);
  expect(call.status).toBe(200);
  expect((call.body as { choices?: unknown[] }).choices).toHaveLength(1);
  return call.worker;
}

/**
 * Successful chat calls until `count` distinct workers answered, for at most `withinMs`. The gateway is
 * ready when its first worker is; the primary hands connections only to workers already listening, so
 * on a busy machine every call can reach the first worker until the others have started.
 */
export async function workersAnswering(
  origin: string,
  key: string,
  model: string,
  count: number,
  withinMs = 30_000,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const deadline = Date.now() + withinMs;
  while (seen.size < count && Date.now() < deadline) {
    seen.add(await answeringWorker(origin, key, model));
    if (seen.size < count) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}
