import { uuidV7, uuidV7Time } from './uuid-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('is a version 7 UUID carrying the time in milliseconds', () => {
    const t = Date.parse('2026-11-29T15:00:00.000Z');
    const id = uuidV7(t);
    expect(id).toMatch(UUID_V7);
    expect(uuidV7Time(id)).toBe(t);
  });

  it('floors a fractional time (start + a performance.now() duration) instead of writing a "." into the id', () => {
    const t = Date.parse('2026-11-29T15:00:00.000Z');
    const id = uuidV7(t + 12.345);
    expect(id).toMatch(UUID_V7);
    expect(uuidV7Time(id)).toBe(t + 12);
  });

  it('carries each id its own time when times alternate, and ids of the same millisecond differ', () => {
    const t = Date.parse('2026-11-29T15:00:00.000Z');
    const times = [t, t + 1, t, t + 86_400_000, t + 1];
    expect(times.map((ms) => uuidV7Time(uuidV7(ms)))).toEqual(times);
    const ids = new Set(Array.from({ length: 1_000 }, () => uuidV7(t)));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});
