import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time and memory of a process, from /proc/<pid>/stat (Linux). */
export interface ProcSample {
  /** user + system CPU, milliseconds. */
  cpuMs: number;
  rssBytes: number;
}

let ticksPerSecond: number | undefined;
let pageBytes: number | undefined;

function sysconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces):
 * index 0 is field 3 (state), so field n is at n - 3.
 */
export function parseStat(text: string): { ppid: number; utime: number; stime: number; rssPages: number } {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    ppid: Number(fields[4 - 3]),
    utime: Number(fields[14 - 3]),
    stime: Number(fields[15 - 3]),
    rssPages: Number(fields[24 - 3]),
  };
}

/** One process's CPU and RSS; undefined when it is gone (or this is not Linux). */
export function sampleProcess(pid: number): ProcSample | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  ticksPerSecond ??= sysconf('CLK_TCK', 100);
  pageBytes ??= sysconf('PAGESIZE', 4096);
  const stat = parseStat(text);
  return { cpuMs: ((stat.utime + stat.stime) * 1000) / ticksPerSecond, rssBytes: stat.rssPages * pageBytes };
}

/** `pid` and all its descendants (VEROSEK_WORKERS forks workers), found through the ppid of every process. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid } = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/** Summed CPU and RSS of the given processes and their descendants. */
export function sampleTrees(pids: number[]): ProcSample {
  const total: ProcSample = { cpuMs: 0, rssBytes: 0 };
  for (const root of pids) {
    for (const pid of processTree(root)) {
      const sample = sampleProcess(pid);
      if (!sample) continue;
      total.cpuMs += sample.cpuMs;
      total.rssBytes += sample.rssBytes;
    }
  }
  return total;
}
