import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEvent } from '../audit-event';

const READY = '.jsonl';
const WRITING = '.tmp';
const SENDING = '.sending';

/** A spill file taken for re-sending: delete it once sent, or give it back if sending failed. */
export interface SpillClaim {
  events: AuditEvent[];
  /** Lines that were not JSON (a write cut short by a crash); they cannot be re-sent. */
  unreadableLines: number;
  done(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Audit events that could not reach the queue, as JSON-lines files in one directory per gateway
 * instance. A file is written under a temporary name and renamed when complete, and renamed again
 * while it is being re-sent, so a reader never sees half a file and no file is sent twice at once.
 */
export class SpillStore {
  private sequence = 0;

  constructor(readonly dir: string) {}

  async write(events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    const name = `${Date.now()}-${process.pid}-${this.sequence++}`;
    const temporary = join(this.dir, name + WRITING);
    await writeFile(temporary, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    await rename(temporary, join(this.dir, name + READY));
  }

  /** Takes the oldest complete spill file, or null when there is none. */
  async claim(): Promise<SpillClaim | null> {
    for (const name of (await this.list()).filter((n) => n.endsWith(READY)).sort()) {
      const ready = join(this.dir, name);
      const sending = join(this.dir, name.slice(0, -READY.length) + SENDING);
      try {
        await rename(ready, sending);
      } catch {
        continue; // taken meanwhile
      }
      const { events, unreadableLines } = parseLines(await readFile(sending, 'utf8'));
      return {
        events,
        unreadableLines,
        done: () => unlink(sending),
        release: () => rename(sending, ready),
      };
    }
    return null;
  }

  /**
   * At start-up: files left half-written or half-sent by a process that died are made ready again.
   * Re-sending an event twice is harmless (the job id and the row id are the event id).
   */
  async recoverAbandoned(): Promise<void> {
    for (const name of await this.list()) {
      const suffix = [WRITING, SENDING].find((s) => name.endsWith(s));
      if (suffix) await rename(join(this.dir, name), join(this.dir, name.slice(0, -suffix.length) + READY));
    }
  }

  async hasFiles(): Promise<boolean> {
    return (await this.list()).some((name) => name.endsWith(READY));
  }

  private async list(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

function parseLines(text: string): { events: AuditEvent[]; unreadableLines: number } {
  const events: AuditEvent[] = [];
  let unreadableLines = 0;
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch {
      unreadableLines++;
    }
  }
  return { events, unreadableLines };
}
