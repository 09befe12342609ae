import type { LoadClient } from '../load/load-client';
import type { StepResult } from '../load/load-protocol';
import { formatUs } from '../report/format';
import { Histogram } from '../stats/histogram';
import { interleavedOrder, type Profile } from '../plan/profiles';
import type { Target } from '../targets/target';
import { Measurement } from './measurement';
import { measureStep, stepSpec } from './measure-step';
import { quiesce } from './quiesce';

export interface RoundsPlan {
  profiles: Profile[];
  rounds: number;
  durationMs: number;
  warmupMs: number;
  /** Load for the unmeasured warm-up (saturation, plain then streamed). */
  warmupProfiles: Profile[];
}

/**
 * Warms every target up, then runs the rounds: in each round, every profile on every target, targets in
 * an order rotated per round and profile (see interleavedOrder), so that machine noise hits all alike.
 */
export async function runRounds(
  load: LoadClient,
  targets: Target[],
  plan: RoundsPlan,
  log: (line: string) => void,
): Promise<Measurement[]> {
  for (const target of targets) {
    for (const profile of plan.warmupProfiles) await load.run(stepSpec(target, profile, plan.warmupMs));
  }
  log(`warm-up done (${targets.length} targets)`);
  const pids = targets.flatMap((t) => [...t.hopPids, ...t.companionPids]);
  // Before every step: what the previous one left running must not run during it.
  const untilQuiet = async () => {
    const { waitedMs, quiet } = await quiesce(pids);
    if (!quiet) log(`targets still busy after ${Math.round(waitedMs)} ms; measuring anyway`);
    else if (waitedMs >= 1_000) log(`waited ${Math.round(waitedMs)} ms for the targets to go quiet`);
  };

  const measurements = new Map<string, Measurement>();
  for (let round = 0; round < plan.rounds; round++) {
    for (const [p, profile] of plan.profiles.entries()) {
      for (const target of interleavedOrder(targets, round, p)) {
        await untilQuiet();
        const step = await measureStep(load, target, profile, plan.durationMs);
        const key = `${target.name}/${profile.id}`;
        const m = measurements.get(key) ?? new Measurement(target.name, profile);
        measurements.set(key, m);
        m.addStep(step.result, step.cpu, step.stages);
        log(
          `round ${round + 1}/${plan.rounds} ${profile.id.padEnd(17)} ${target.name.padEnd(16)} ${stepLine(step.result)}`,
        );
      }
    }
  }
  // Report order: by profile, then target as listed.
  const order = (m: Measurement) =>
    plan.profiles.indexOf(m.profile) * 100 + targets.findIndex((t) => t.name === m.target);
  return [...measurements.values()].sort((a, b) => order(a) - order(b));
}

function stepLine(result: StepResult): string {
  const latency = Histogram.fromSnapshot(result.latencyUs);
  const errors = result.errors ? ` ${result.errors} errors` : '';
  return `${String(result.ok).padStart(6)} ok${errors} p50 ${formatUs(latency.percentile(50))} p99 ${formatUs(latency.percentile(99))}`;
}
