import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { StepResult, StepSpec, WorkerReply } from './load-protocol';

/** The parent's handle on the forked load generator. */
export class LoadClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: StepResult): void; reject(e: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.type === 'result') waiter.resolve(reply.result);
      else waiter.reject(new Error(`load generator: ${reply.message}`));
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`load generator exited (code ${code})`));
      this.pending.clear();
    });
  }

  static start(): LoadClient {
    return new LoadClient(
      fork(join(__dirname, 'load-worker.main.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run(step: StepSpec): Promise<StepResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'run', id, step });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
