import { FAKE_OPENAI_API_KEY, startFakeOpenAI, type FakeServer } from '@verosek/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';

/** The compiled gateway, as `npm start` runs it: worker processes need a real entry point. */
export const ROOT = resolve(__dirname, '../../../../..');
export const MAIN = join(ROOT, 'dist/apps/api-gateway/src/main.js');

function buildGateway(): void {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
}

/** What a worker test runs in: a scratch directory with a config, and the gateway it started. */
export interface WorkersFixture {
  dir: string;
  /** The config: model gpt-4o-mini on a fake OpenAI. */
  config: string;
  /** Set by the test; killed afterwards if still running. */
  gateway?: GatewayProcess;
}

/** Builds the gateway and starts a fake OpenAI before the tests; removes all of it after them. */
export function useWorkersFixture(prefix: string): WorkersFixture {
  const fixture = {} as WorkersFixture;
  let fake: FakeServer | undefined;
  beforeAll(async () => {
    buildGateway();
    fake = await startFakeOpenAI({ port: 0 });
    fixture.dir = mkdtempSync(join(tmpdir(), prefix));
    fixture.config = join(fixture.dir, 'verosek.yaml');
    writeFileSync(
      fixture.config,
      `models:
  - name: gpt-4o-mini
    deployments:
      - { id: fake, provider: openai, model: gpt-4o-mini, api_base: ${fake.baseUrl}, api_key: ${FAKE_OPENAI_API_KEY} }
`,
    );
  });
  afterAll(async () => {
    if (fixture.gateway?.proc.exitCode === null) fixture.gateway.proc.kill('SIGKILL');
    await fake?.close();
    if (fixture.dir) rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** The gateway as a child process, with everything it printed. */
export interface GatewayProcess {
  proc: ChildProcess;
  origin: string;
  output(): string;
  /** SIGTERM; the exit code. */
  stop(): Promise<number | null>;
}

export async function startGateway(cwd: string, env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = '';
  const proc = spawn(process.execPath, [MAIN], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const gateway: GatewayProcess = {
    proc,
    origin,
    output: () => output,
    stop: () => {
      const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
      proc.kill('SIGTERM');
      return exited;
    },
  };
  await until(async () => {
    if (proc.exitCode !== null) throw new Error(`the gateway exited (${proc.exitCode}): ${output}`);
    try {
      const res = await request(`${origin}/health/ready`);
      await res.body.dump();
      return res.statusCode === 200;
    } catch {
      return false;
    }
  }, 60_000);
  return gateway;
}

/** Chat calls, each on a connection of its own, until `count` distinct workers answered (at most 20 calls). */
export async function workersAnswering(origin: string, key: string, count: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < 20 && seen.size < count; i++) seen.add(await answeringWorker(origin, key));
  return seen;
}

/** One successful chat call on a connection of its own; the id of the worker that answered it. */
export async function answeringWorker(origin: string, key: string): Promise<string> {
  const res = await chat(origin, key);
  expect(res.status).toBe(200);
  expect((res.body as { choices?: unknown[] }).choices).toHaveLength(1);
  return res.worker;
}

/**
 * One chat call on a connection of its own (node:cluster hands each new connection to the next worker):
 * status, body, the answering worker's id and the request id.
 */
export async function chat(
  origin: string,
  key: string,
): Promise<{ status: number; body: unknown; worker: string; requestId: string }> {
  const res = await request(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
  const worker = res.headers['x-verosek-worker'];
  expect(typeof worker).toBe('string');
  return {
    status: res.statusCode,
    body: await res.body.json(),
    worker: worker as string,
    requestId: res.headers['x-request-id'] as string,
  };
}

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

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}
