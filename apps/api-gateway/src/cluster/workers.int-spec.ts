import { FAKE_OPENAI_API_KEY, startFakeOpenAI, type FakeServer } from '@verosek/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';

/**
 * The compiled gateway (dist/, as `npm start` runs it) with VEROSEK_WORKERS=2 in cluster mode on the
 * real Redis and Postgres: calls are answered by two worker processes, a killed worker is replaced,
 * SIGTERM stops them all; embedded mode refuses two workers.
 */
const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api-gateway/src/main.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MASTER_KEY = 'sk-master-workers-test';

describe('api-gateway with VEROSEK_WORKERS=2', () => {
  let fake: FakeServer;
  let dir: string;
  let gateway: ChildProcess | undefined;
  let origin: string;
  let output = '';

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    fake = await startFakeOpenAI({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'verosek-workers-'));
    writeFileSync(
      join(dir, 'verosek.yaml'),
      `models:
  - name: gpt-4o-mini
    deployments:
      - { id: fake, provider: openai, model: gpt-4o-mini, api_base: ${fake.baseUrl}, api_key: ${FAKE_OPENAI_API_KEY} }
`,
    );
  });

  afterAll(async () => {
    if (gateway?.exitCode === null) gateway.kill('SIGKILL');
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spreads calls over two worker processes, replaces a dead one and stops on SIGTERM', async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL,
        DATABASE_URL,
        VEROSEK_WORKERS: '2',
        VEROSEK_MASTER_KEY: MASTER_KEY,
        VEROSEK_CONFIG: join(dir, 'verosek.yaml'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    gateway.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await untilReady(origin, gateway);

    const firstTwo = await workersAnswering(origin, 2);
    expect(firstTwo.size).toBe(2);
    expect(workerPids(gateway.pid!)).toHaveLength(2);

    const [victim] = workerPids(gateway.pid!);
    process.kill(victim, 'SIGKILL');
    await until(() => workerPids(gateway!.pid!).length === 2 && !workerPids(gateway!.pid!).includes(victim));
    // The replacement answers once it listens (a new cluster id); the survivor serves meanwhile.
    await until(async () => !firstTwo.has(await answeringWorker(origin)));

    const exited = new Promise<number | null>((done) => gateway!.once('exit', (code) => done(code)));
    const pids = workerPids(gateway.pid!);
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('refuses two workers in embedded mode, saying cluster mode is needed', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      cwd: dir,
      env: { PATH: process.env.PATH, VEROSEK_WORKERS: '2', VEROSEK_DATA_DIR: join(dir, 'data') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'VEROSEK_WORKERS is 2, but several workers need cluster mode (REDIS_URL and DATABASE_URL',
    );
  });

  /** Chat calls, each on a connection of its own, until `count` distinct workers answered (at most 20 calls). */
  async function workersAnswering(base: string, count: number): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < count; i++) seen.add(await answeringWorker(base));
    return seen;
  }

  /** One chat call on a connection of its own; the id of the worker that answered it. */
  async function answeringWorker(base: string): Promise<string> {
    const res = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        'content-type': 'application/json',
        connection: 'close',
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await res.body.json()) as { choices?: unknown[] };
    expect(res.statusCode).toBe(200);
    expect(body.choices).toHaveLength(1);
    const worker = res.headers['x-verosek-worker'];
    expect(typeof worker).toBe('string');
    return worker as string;
  }

  async function untilReady(base: string, proc: ChildProcess): Promise<void> {
    await until(async () => {
      if (proc.exitCode !== null) throw new Error(`the gateway exited (${proc.exitCode}): ${output}`);
      try {
        const res = await request(`${base}/health/ready`);
        await res.body.dump();
        return res.statusCode === 200;
      } catch {
        return false;
      }
    });
  }
});

/** The primary's child processes: the workers. */
function workerPids(primary: number): number[] {
  return readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
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
