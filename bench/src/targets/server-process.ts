import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { isReadyMessage } from '../servers/ready-signal';

export interface StartOptions {
  /** Short name, used for the log file and in messages. */
  name: string;
  /** Absolute path of the compiled entry point. */
  script: string;
  env: Record<string, string>;
  /** Where `<name>.log` (stdout and stderr) goes. */
  logDir: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** A server the bench started, and only it: stop() signals this pid and no other. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** Forks one of the bench's own servers and waits for the port it announces (servers/ready-signal). */
  static async fork(options: StartOptions): Promise<ServerProcess> {
    const { logFile, fd } = openLog(options);
    const child = fork(options.script, [], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', fd, fd, 'ipc'],
    });
    closeSync(fd);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(failure(options, logFile, 'did not announce its port in time')),
        timeoutOf(options),
      );
      child.on('message', (m) => {
        if (!isReadyMessage(m)) return;
        clearTimeout(timer);
        resolve(m.port);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(failure(options, logFile, `exited with code ${code} before it was ready`));
      });
    });
    return new ServerProcess(options.name, child, port, logFile);
  }

  /** Spawns a Verosek app on `port` and waits until GET `readyPath` answers 200. */
  static async spawnApp(options: StartOptions & { port: number; readyPath: string }): Promise<ServerProcess> {
    const { logFile, fd } = openLog(options);
    const child = spawn(process.execPath, [options.script], {
      env: { ...process.env, ...options.env, PORT: String(options.port) },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const server = new ServerProcess(options.name, child, options.port, logFile);
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    const deadline = Date.now() + timeoutOf(options);
    while (Date.now() < deadline) {
      if (exited !== undefined)
        throw failure(options, logFile, `exited with code ${exited} before it was ready`);
      if (await answers200(`http://127.0.0.1:${options.port}${options.readyPath}`)) return server;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await server.stop();
    throw failure(options, logFile, `did not answer 200 on ${options.readyPath} in time`);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

function openLog(options: StartOptions): { logFile: string; fd: number } {
  const logFile = join(options.logDir, `${options.name}.log`);
  return { logFile, fd: openSync(logFile, 'a') };
}

function timeoutOf(options: StartOptions): number {
  return options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

function failure(options: StartOptions, logFile: string, problem: string): Error {
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    // no log yet
  }
  return new Error(`${options.name} ${problem} (log: ${logFile})${tail ? `\n${tail}` : ''}`);
}
