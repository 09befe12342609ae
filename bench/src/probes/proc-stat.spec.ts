import { parseStat, processTree, sampleProcess } from './proc-stat';

describe('/proc/<pid>/stat', () => {
  it('reads ppid, CPU ticks and RSS pages even when the command name holds spaces and parentheses', () => {
    const line =
      '4242 (node (worker) 1) S 4100 4242 4100 0 -1 4194560 1200 0 0 0 735 92 0 0 20 0 11 0 123456 ' +
      '1100000000 25600 18446744073709551615 1 1 0 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0';
    expect(parseStat(line)).toEqual({ ppid: 4100, utime: 735, stime: 92, rssPages: 25600 });
  });

  it('samples this very process and finds it at the root of its own tree', () => {
    const sample = sampleProcess(process.pid);
    expect(sample).toBeDefined();
    expect(sample!.rssBytes).toBeGreaterThan(0);
    expect(processTree(process.pid)[0]).toBe(process.pid);
    expect(processTree(process.ppid)).toContain(process.pid);
  });
});
