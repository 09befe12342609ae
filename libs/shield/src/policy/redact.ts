import type { Finding } from '../entities';

export function redactionMarker(finding: Pick<Finding, 'type'>): string {
  return `[REDACTED:${finding.type}]`;
}

/** Replaces each of `findings` (sorted, non-overlapping) in `text` with its marker. */
export function redactText(text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    out += text.slice(cursor, f.start) + redactionMarker(f);
    cursor = f.end;
  }
  return out + text.slice(cursor);
}
