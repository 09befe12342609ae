import { parseArgs } from './args';
import { formatDuration, parseDuration } from './duration';

describe('bench command line', () => {
  it('parses durations with units, a bare number being seconds', () => {
    expect(parseDuration('500ms', '--duration')).toBe(500);
    expect(parseDuration('2s', '--duration')).toBe(2000);
    expect(parseDuration('1.5', '--duration')).toBe(1500);
    expect(parseDuration('10m', '--soak')).toBe(600_000);
    expect(() => parseDuration('10 minutes', '--soak')).toThrow(
      '--soak must be a positive duration like 500ms, 30s or 10m (got "10 minutes")',
    );
    expect(() => parseDuration('0s', '--duration')).toThrow(/--duration/);
    expect(formatDuration(600_000)).toBe('10m');
    expect(formatDuration(2500)).toBe('2.5s');
    expect(formatDuration(250)).toBe('250ms');
  });

  it('defaults to a full run, and --quick shortens it', () => {
    const full = parseArgs([], 'out');
    expect(full).toMatchObject({
      durationMs: 1500,
      rounds: 2,
      workers: 1,
      micro: true,
      endToEnd: true,
      outDir: 'out',
    });
    expect(full.targets).toEqual([
      'direct',
      'bare-proxy',
      'gateway-embedded',
      'gateway-embedded-1-failing',
      'gateway-cluster',
    ]);
    expect(parseArgs(['--quick'], 'out')).toMatchObject({ durationMs: 500, rounds: 1, quick: true });
    expect(parseArgs(['--quick', '--duration', '1s'], 'out').durationMs).toBe(1000);
  });

  it('reads soak, workers and target selection', () => {
    const soak = parseArgs(['--soak', '10m', '--rate', '50', '--workers', '2'], 'out');
    expect(soak).toMatchObject({ soakMs: 600_000, soakRate: 50, workers: 2 });
    expect(parseArgs(['--targets', 'gateway-embedded,direct'], 'out').targets).toEqual([
      'direct',
      'gateway-embedded',
    ]);
  });

  it('names the flag in every refusal', () => {
    expect(() => parseArgs(['--workers', '0'], 'out')).toThrow(
      '--workers must be a positive integer (got "0")',
    );
    expect(() => parseArgs(['--rounds'], 'out')).toThrow('--rounds needs a value');
    expect(() => parseArgs(['--targets', 'gateway-embedded'], 'out')).toThrow(/must include direct/);
    expect(() => parseArgs(['--targets', 'direct,nginx'], 'out')).toThrow(/unknown target "nginx"/);
    expect(() => parseArgs(['--fast'], 'out')).toThrow('unknown option "--fast"');
    expect(() => parseArgs(['--no-micro', '--micro-only'], 'out')).toThrow(/nothing to run/);
  });
});
