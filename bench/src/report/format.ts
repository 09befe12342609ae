/** Number formatting shared by the markdown reports. */

/** Microseconds as µs below a millisecond (two decimals below 10 µs), else ms with two decimals; signed when `signed`. */
export function formatUs(us: number | undefined, signed = false): string {
  if (us === undefined || Number.isNaN(us)) return 'n/a';
  const sign = signed && us > 0 ? '+' : '';
  if (Math.abs(us) < 10) return `${sign}${us.toFixed(2)} µs`;
  if (Math.abs(us) < 1000) return `${sign}${Math.round(us)} µs`;
  return `${sign}${(us / 1000).toFixed(2)} ms`;
}

export function formatNumber(n: number | undefined, digits = 0): string {
  if (n === undefined || Number.isNaN(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(r: number | undefined): string {
  return r === undefined ? 'n/a' : `${r.toFixed(1)}x`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
