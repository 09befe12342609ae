import type { Comparison, ResultRow } from './bench-report';

/** One of issue 9's performance targets, checked for one gateway configuration of the run. */
export interface GoalCheck {
  goal: GoalId;
  target: string;
  profile: string;
  /** What was measured, in the goal's unit (µs, req/s or CPU ms per request). */
  measured: number;
  /** The most (or, for throughput, the least) the goal allows, in the same unit. */
  limit: number;
  met: boolean;
}

export type GoalId = (typeof GOALS)[number]['id'];

/**
 * Saturation throughput the issue asks for, set on a host where the bare Node proxy saturated near
 * 11,000 req/s; hosts differ severalfold, so the report also gives our saturation as a share of the
 * bare proxy's in the same run, next to the share the target is of that host's proxy.
 */
export const SATURATION_GOAL_RPS = 3_000;
export const SATURATION_GOAL_SHARE = SATURATION_GOAL_RPS / 11_000;

interface Inputs {
  ours: ResultRow;
  bare: ResultRow | undefined;
  added: Comparison | undefined;
  bareAdded: Comparison | undefined;
}

interface Goal {
  id: string;
  label: string;
  unit: 'us' | 'rps' | 'cpu-ms';
  profiles: readonly string[];
  /** [measured, limit], or undefined when this run did not measure what the goal needs. */
  check(inputs: Inputs): [number, number] | undefined;
  /** Met when measured <= limit, or >= for throughput. */
  atLeast?: boolean;
}

/** Issue 9's targets, in the order the issue lists them. */
export const GOALS = [
  {
    id: 'added-p99-vs-bare',
    label: 'added P99 at most 2x the bare proxy’s',
    unit: 'us',
    profiles: ['rate200-plain', 'rate500-plain'],
    check: ({ added, bareAdded }) =>
      added && bareAdded && bareAdded.addedUs.p99 > 0
        ? [added.addedUs.p99, 2 * bareAdded.addedUs.p99]
        : undefined,
  },
  {
    id: 'added-p99-serial',
    label: 'added P99 at most 1 ms',
    unit: 'us',
    profiles: ['serial-plain'],
    check: ({ added }) => (added ? [added.addedUs.p99, 1_000] : undefined),
  },
  {
    id: 'added-ttfb-p99',
    label: 'added TTFB P99 at most 1 ms over the bare proxy’s',
    unit: 'us',
    profiles: ['serial-stream', 'rate200-stream', 'rate500-stream'],
    check: ({ added, bareAdded }) =>
      added?.addedTtfbUs && bareAdded?.addedTtfbUs
        ? [added.addedTtfbUs.p99, Math.max(0, bareAdded.addedTtfbUs.p99) + 1_000]
        : undefined,
  },
  {
    id: 'saturation',
    label: `at least ${SATURATION_GOAL_RPS.toLocaleString('en-US')} req/s`,
    unit: 'rps',
    profiles: ['saturation-plain'],
    atLeast: true,
    check: ({ ours }) => [ours.throughputRps, SATURATION_GOAL_RPS],
  },
  {
    id: 'cpu-vs-bare',
    label: 'CPU per request at most 2x the bare proxy’s',
    unit: 'cpu-ms',
    profiles: ['rate200-plain', 'rate500-plain', 'saturation-plain'],
    check: ({ ours, bare }) => {
      const cpu = totalCpu(ours);
      const bareCpu = bare && totalCpu(bare);
      return cpu !== undefined && bareCpu ? [cpu, 2 * bareCpu] : undefined;
    },
  },
] as const satisfies readonly Goal[];

/** Every goal the run measured, for each gateway configuration. */
export function checkGoals(results: ResultRow[], comparisons: Comparison[]): GoalCheck[] {
  const gateways = [...new Set(results.map((r) => r.target))].filter((t) => t.startsWith('gateway'));
  const checks: GoalCheck[] = [];
  for (const goal of GOALS as readonly Goal[]) {
    for (const target of gateways) {
      for (const profile of goal.profiles) {
        const ours = find(results, target, profile);
        if (!ours) continue;
        const checked = goal.check({
          ours,
          bare: find(results, 'bare-proxy', profile),
          added: find(comparisons, target, profile),
          bareAdded: find(comparisons, 'bare-proxy', profile),
        });
        if (!checked) continue;
        const [measured, limit] = checked;
        const met = goal.atLeast ? measured >= limit : measured <= limit;
        checks.push({ goal: goal.id as GoalId, target, profile, measured, limit, met });
      }
    }
  }
  return checks;
}

/** Hop and companions: the whole gateway's CPU, whatever its mode. */
function totalCpu(row: ResultRow): number | undefined {
  if (row.cpuMsPerRequest === undefined) return undefined;
  return row.cpuMsPerRequest + (row.companionCpuMsPerRequest ?? 0);
}

function find<T extends { target: string; profile: string }>(
  rows: T[],
  target: string,
  profile: string,
): T | undefined {
  return rows.find((r) => r.target === target && r.profile === profile);
}
