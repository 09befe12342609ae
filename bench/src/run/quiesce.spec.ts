import { quiesce, type QuiesceOptions, type QuiesceProbe } from './quiesce';

const OPTIONS: QuiesceOptions = { minMs: 150, maxMs: 1_000, windowMs: 250, idleShare: 0.1 };

/** A clock that advances only when slept on, and processes that use `perWindow[i]` ms of CPU in window i. */
function fakeProbe(perWindow: number[]): QuiesceProbe & { reads: number } {
  let now = 0;
  let cpu = 0;
  let window = -1;
  return {
    reads: 0,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      // The first sleep is minMs; each later one is a window.
      if (window >= 0) cpu += perWindow[Math.min(window, perWindow.length - 1)];
      window += 1;
    },
    cpuMs(pids) {
      expect(pids).toEqual([11, 12]);
      this.reads += 1;
      return cpu;
    },
  };
}

describe('quiesce', () => {
  it('returns after the first window in which the processes used at most idleShare of a core', async () => {
    // 25 ms per 250 ms window is the limit (10%): 80 and 26 are busy, 25 is quiet.
    const probe = fakeProbe([80, 26, 25, 200]);
    await expect(quiesce([11, 12], OPTIONS, probe)).resolves.toEqual({
      waitedMs: 150 + 3 * 250,
      quiet: true,
    });
  });

  it('waits minMs and one window when they are quiet from the start', async () => {
    const probe = fakeProbe([0]);
    await expect(quiesce([11, 12], OPTIONS, probe)).resolves.toEqual({ waitedMs: 400, quiet: true });
    expect(probe.reads).toBe(2);
  });

  it('gives up, saying so, once maxMs has passed without a quiet window', async () => {
    const probe = fakeProbe([100]);
    await expect(quiesce([11, 12], OPTIONS, probe)).resolves.toEqual({ waitedMs: 1_150, quiet: false });
  });
});
