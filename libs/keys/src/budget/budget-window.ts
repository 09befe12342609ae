/** Budget windows follow the UTC calendar: a day, an ISO week (from Monday), a month. */
export const WINDOW_KINDS = ['day', 'week', 'month'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

const DAY_MS = 86_400_000;

/** Start of the window that contains `at`. */
export function windowStart(kind: WindowKind, at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  switch (kind) {
    case 'day':
      return new Date(day);
    case 'week': {
      const daysSinceMonday = (at.getUTCDay() + 6) % 7;
      return new Date(day - daysSinceMonday * DAY_MS);
    }
    case 'month':
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  }
}

/** Start of the next window: when the spend of the window containing `at` resets. */
export function windowEnd(kind: WindowKind, at: Date): Date {
  const start = windowStart(kind, at);
  switch (kind) {
    case 'day':
      return new Date(start.getTime() + DAY_MS);
    case 'week':
      return new Date(start.getTime() + 7 * DAY_MS);
    case 'month':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

/** The last answer per kind, by UTC day number: every call asks several times, nearly always for today. */
const lastStartDate = new Map<WindowKind, { day: number; date: string }>();

/** `YYYY-MM-DD` of a window start: the window's name in counter keys and in the spend table. */
export function windowStartDate(kind: WindowKind, at: Date): string {
  const day = Math.floor(at.getTime() / DAY_MS);
  const last = lastStartDate.get(kind);
  if (last?.day === day) return last.date;
  const date = windowStart(kind, at).toISOString().slice(0, 10);
  lastStartDate.set(kind, { day, date });
  return date;
}
