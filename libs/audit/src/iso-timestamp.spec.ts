import { isoTimestamp } from './iso-timestamp';

describe('isoTimestamp', () => {
  it('formats exactly as Date#toISOString, across second, day and year boundaries and in any order', () => {
    const edges = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      59_999,
      60_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1),
      -1,
      -1001,
    ];
    let random = 12345;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31);
    const times = [...edges];
    for (let i = 0; i < 5_000; i++) times.push(Date.UTC(2026, 10, 30) + (next() % 400_000_000) - 200_000_000);
    for (let i = 0; i < 2_000; i++) times.push(Date.UTC(2026, 10, 30, 12) + i); // many in the same second
    for (const ms of times) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it('floors a fractional time, as Date does', () => {
    const ms = Date.UTC(2026, 10, 30, 1, 2, 3, 456);
    expect(isoTimestamp(ms + 0.999)).toBe(new Date(ms + 0.999).toISOString());
    expect(isoTimestamp(ms + 0.999)).toBe('2026-11-30T01:02:03.456Z');
  });
});
