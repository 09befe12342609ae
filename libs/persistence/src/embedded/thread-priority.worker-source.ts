/**
 * Part of the PGlite host thread's program (see pglite-host.worker-source.ts): the thread's CPU
 * priority. PGlite's work is audit rows and spend records written behind the calls, in bursts of a
 * few milliseconds of WASM; at normal priority a burst holds a core that a call's request path (the
 * event loop, the provider, the caller) is woken up to need, and the call waits. So the thread runs as
 * SCHED_IDLE: any other thread that wakes up takes its core at once, and it runs on what the others
 * leave. That must not become starvation: a timer measures how late the thread's event loop runs
 * (starved of CPU, or busy with a long query); later than `catchUpAfterMs`, the thread goes back to
 * normal priority until it runs on time again, and at least `holdMs`. Queries wait in the sockets while
 * PGlite runs one, so lateness is the backlog signal there is.
 *
 * Linux only, through util-linux's chrt (Node has no call for sched_setscheduler). Leaving SCHED_IDLE
 * again needs CAP_SYS_NICE or an RLIMIT_NICE of 20; without either the thread stays at normal priority,
 * as it does where /proc or chrt is missing.
 *
 * Defines osThreadId() and ThreadPriority (DEFAULT_PRIORITY_OPTIONS unless the caller overrides them).
 */
export const THREAD_PRIORITY_SOURCE = `
const { execFile } = require('node:child_process');
const { readFileSync, readlinkSync } = require('node:fs');

const DEFAULT_PRIORITY_OPTIONS = { catchUpAfterMs: 200, holdMs: 2000 };
const LATENESS_CHECK_MS = 50;
const CAP_SYS_NICE = 23n;

/** The kernel's id of the calling thread (Linux), or undefined. */
function osThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/** Whether this thread, once SCHED_IDLE, may return to SCHED_OTHER (the kernel's can_nice). */
function mayLeaveIdle() {
  const caps = /^CapEff:\\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/thread-self/status', 'utf8'));
  if (caps && (BigInt('0x' + caps[1]) >> CAP_SYS_NICE) & 1n) return true;
  const limit = /^Max nice priority\\s+(\\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return limit !== null && (limit[1] === 'unlimited' || Number(limit[1]) >= 20);
}

class ThreadPriority {
  /**
   * The priority of the calling thread, or null (after report('unavailable', why)) where it cannot be
   * changed both ways. report(mode, why) hears of every change, and of a change that failed ('failed').
   */
  static ofThisThread(options, report) {
    const tid = osThreadId();
    if (tid === undefined) {
      report('unavailable', 'no /proc/thread-self (not Linux)');
      return null;
    }
    if (!mayLeaveIdle()) {
      report('unavailable', 'leaving SCHED_IDLE again would need CAP_SYS_NICE or RLIMIT_NICE 20');
      return null;
    }
    return new ThreadPriority(tid, { ...DEFAULT_PRIORITY_OPTIONS, ...options }, report);
  }

  constructor(tid, options, report) {
    this.tid = tid;
    this.options = options;
    this.report = report;
    this.mode = 'normal';
    this.changing = false;
    this.disabled = false;
    this.normalSince = 0;
  }

  /** To the background, then follows the event loop's lateness; the timer does not hold the thread up. */
  start() {
    this.set('background', 'start');
    let due = performance.now() + LATENESS_CHECK_MS;
    setInterval(() => {
      const now = performance.now();
      this.late(now - due);
      due = now + LATENESS_CHECK_MS;
    }, LATENESS_CHECK_MS).unref();
  }

  late(ms) {
    if (this.disabled || this.changing) return;
    if (this.mode === 'background' && ms > this.options.catchUpAfterMs) {
      this.set('normal', 'its event loop ran ' + Math.round(ms) + ' ms late');
    } else if (
      this.mode === 'normal' &&
      ms <= this.options.catchUpAfterMs &&
      performance.now() - this.normalSince >= this.options.holdMs
    ) {
      this.set('background', 'caught up');
    }
  }

  set(mode, why) {
    this.changing = true;
    // reset-on-fork: the next chrt, started from this thread, must not inherit SCHED_IDLE.
    const policy = mode === 'background' ? ['--idle', '--reset-on-fork'] : ['--other'];
    execFile('chrt', [...policy, '--pid', '0', String(this.tid)], (err) => {
      this.changing = false;
      if (err) {
        // Left where it was: at normal priority if this was the start, else possibly in the background.
        this.disabled = true;
        this.report('failed', 'chrt could not set ' + mode + ' priority: ' + err.message);
        return;
      }
      this.mode = mode;
      if (mode === 'normal') this.normalSince = performance.now();
      this.report(mode, why);
    });
  }
}
`;
