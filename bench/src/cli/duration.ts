const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;

/** `500ms`, `2s`, `1.5m`, `10m`, `1h` -> milliseconds; a bare number is seconds. */
export function parseDuration(text: string, field: string): number {
  const match = DURATION.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 's'] : Number.NaN;
  if (!(ms > 0))
    throw new Error(
      `${field} must be a positive duration like 500ms, 30s or 10m (got ${JSON.stringify(text)})`,
    );
  return ms;
}

export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(2)}s`;
  return `${Math.round(ms)}ms`;
}
