import { SPECIFICITY, type Finding } from './entities';

function beats(a: Finding, b: Finding): boolean {
  const bySpecificity = SPECIFICITY[a.type] - SPECIFICITY[b.type];
  if (bySpecificity !== 0) return bySpecificity > 0;
  const byLength = a.end - a.start - (b.end - b.start);
  if (byLength !== 0) return byLength > 0;
  return a.score > b.score;
}

/** Within a group of mutually reachable overlaps: keep the most specific findings that do not overlap. */
function resolveCluster(cluster: Finding[], out: Finding[]): void {
  if (cluster.length === 1) {
    out.push(cluster[0]);
    return;
  }
  const ranked = [...cluster].sort((a, b) => (beats(a, b) ? -1 : beats(b, a) ? 1 : 0));
  const kept: Finding[] = [];
  for (const f of ranked) {
    if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  out.push(...kept);
}

/** Same-type findings that overlap are one entity ("Anna Maria" + "Maria Schmidt"): merge them. */
function mergeSameType(sorted: Finding[]): Finding[] {
  const merged: Finding[] = [];
  const lastOfType = new Map<string, Finding>();
  for (const f of sorted) {
    const last = lastOfType.get(f.type);
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      last.score = Math.max(last.score, f.score);
      continue;
    }
    const copy = { ...f };
    merged.push(copy);
    lastOfType.set(f.type, copy);
  }
  return merged;
}

/**
 * Turns raw detector output into non-overlapping findings sorted by start. Linear after the sort:
 * findings are grouped into clusters of overlaps, and only clusters (usually of one) are ranked.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings;
  const sorted = mergeSameType([...findings].sort((a, b) => a.start - b.start || b.end - a.end));
  const out: Finding[] = [];
  let cluster: Finding[] = [sorted[0]];
  let clusterEnd = sorted[0].end;
  for (let i = 1; i < sorted.length; i++) {
    const f = sorted[i];
    if (f.start < clusterEnd) {
      cluster.push(f);
      clusterEnd = Math.max(clusterEnd, f.end);
    } else {
      resolveCluster(cluster, out);
      cluster = [f];
      clusterEnd = f.end;
    }
  }
  resolveCluster(cluster, out);
  return out;
}
