import { windowEnd, windowStart, windowStartDate } from './budget-window';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('budget windows (UTC calendar)', () => {
  it('day: midnight UTC to the next midnight', () => {
    expect(iso(windowStart('day', at('2026-11-29T23:59:59.999Z')))).toBe('2026-11-29T00:00:00.000Z');
    expect(iso(windowEnd('day', at('2026-11-29T23:59:59.999Z')))).toBe('2026-11-30T00:00:00.000Z');
    expect(iso(windowStart('day', at('2026-11-30T00:00:00.000Z')))).toBe('2026-11-30T00:00:00.000Z');
  });

  it('names the window of the day asked about, asked again and again across midnight', () => {
    for (const [time, day, month] of [
      ['2026-11-30T23:59:59.999Z', '2026-11-30', '2026-11-01'],
      ['2026-11-30T12:00:00.000Z', '2026-11-30', '2026-11-01'],
      ['2026-12-01T00:00:00.000Z', '2026-12-01', '2026-12-01'],
      ['2026-11-30T23:00:00.000Z', '2026-11-30', '2026-11-01'],
    ]) {
      expect(windowStartDate('day', at(time))).toBe(day);
      expect(windowStartDate('month', at(time))).toBe(month);
    }
  });

  it('day: ignores the local time zone of the machine', () => {
    // 2026-03-01T00:30+01:00 is still Feb 28 in UTC
    expect(windowStartDate('day', at('2026-03-01T00:30:00+01:00'))).toBe('2026-02-28');
  });

  it.each([
    ['a Monday', '2026-11-23T08:00:00Z', '2026-11-23'],
    ['a Wednesday', '2026-11-25T12:00:00Z', '2026-11-23'],
    ['a Sunday, last moment', '2026-11-29T23:59:59.999Z', '2026-11-23'],
    ['the next Monday', '2026-11-30T00:00:00Z', '2026-11-30'],
    ['across a month end', '2026-12-02T10:00:00Z', '2026-11-30'],
    ['across a year end', '2027-01-01T10:00:00Z', '2026-12-28'],
  ])('week starts on Monday: %s', (_, time, monday) => {
    expect(windowStartDate('week', at(time))).toBe(monday);
    const end = windowEnd('week', at(time));
    expect(end.getUTCDay()).toBe(1);
    expect(end.getTime() - windowStart('week', at(time)).getTime()).toBe(7 * 86_400_000);
  });

  it.each([
    ['mid-month', '2026-11-15T10:00:00Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    [
      'last moment of December',
      '2026-12-31T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'February of a leap year',
      '2028-02-29T12:00:00Z',
      '2028-02-01T00:00:00.000Z',
      '2028-03-01T00:00:00.000Z',
    ],
    [
      'February of a common year',
      '2027-02-28T12:00:00Z',
      '2027-02-01T00:00:00.000Z',
      '2027-03-01T00:00:00.000Z',
    ],
    [
      'first moment of a month',
      '2026-12-01T00:00:00Z',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
  ])('month: %s', (_, time, start, reset) => {
    expect(iso(windowStart('month', at(time)))).toBe(start);
    expect(iso(windowEnd('month', at(time)))).toBe(reset);
  });
});
