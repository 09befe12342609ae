import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root (this file is test/harness/app-processes.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

export const APPS = ['api-gateway', 'keys-service', 'audit-service', 'shield-service'] as const;
export type AppName = (typeof APPS)[number];

/**
 * Compiles apps and libs with SWC, as `npm run build` does, into a fresh folder of its own (so test
 * files running in parallel never race on dist/). The folder sits under node_modules/.cache, where
 * the compiled files still resolve the repository's node_modules.
 */
export function buildApps(): string {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'verosek-e2e-build-'));
  execFileSync('npx', ['swc', 'apps', 'libs', '-d', outDir, '--config-file', '.swcrc', '-q'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return outDir;
}

/** A port that was free a moment ago (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface AppProcess {
  name: AppName;
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
}

/** Runs `node <build>/apps/<app>/src/main.js` on its own port; the caller stops it with stopApp. */
export async function spawnApp(
  buildDir: string,
  name: AppName,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(buildDir, 'apps', name, 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      VEROSEK_SHIELD_DIR: join(REPO_ROOT, 'libs', 'shield'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { name, url: `http://127.0.0.1:${port}`, child, output: () => output };
}

/** Waits until `/health/ready` answers 200, failing early (with the app's output) if it exits. */
export async function waitReady(app: AppProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      throw new Error(`${app.name} exited with ${app.child.exitCode}:\n${app.output()}`);
    }
    const status = await fetch(`${app.url}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${app.name} not ready at ${app.url}/health/ready:\n${app.output()}`);
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopApp(app: AppProcess, graceMs = 5_000): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise<void>((done) => app.child.once('exit', () => done()));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function removeBuild(buildDir: string): void {
  rmSync(buildDir, { recursive: true, force: true });
}
