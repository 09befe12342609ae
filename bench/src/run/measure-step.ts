import type { LoadClient } from '../load/load-client';
import type { StepResult, StepSpec } from '../load/load-protocol';
import type { Profile } from '../plan/profiles';
import { sampleTrees } from '../probes/proc-stat';
import { histogramDelta } from '../probes/prom-text';
import { scrapeStages, type StageHistograms } from '../probes/stage-timings';
import type { Target } from '../targets/target';
import { requestBody } from '../workload/request-body';
import type { StepCpu } from './measurement';

export interface MeasuredStep {
  result: StepResult;
  cpu: StepCpu;
  /** What the gateway's stage histograms gained during the step; undefined without /metrics. */
  stages?: StageHistograms;
}

export function stepSpec(target: Target, profile: Profile, durationMs: number): StepSpec {
  return {
    target: {
      origin: target.origin,
      path: '/v1/chat/completions',
      headers: target.headers,
      body: requestBody(profile.stream),
    },
    shape: profile.shape,
    durationMs,
    stream: profile.stream,
  };
}

/** Runs one step and reads the target's CPU (/proc) and stage histograms (/metrics) before and after. */
export async function measureStep(
  load: LoadClient,
  target: Target,
  profile: Profile,
  durationMs: number,
): Promise<MeasuredStep> {
  const stagesBefore = target.metricsUrl ? await scrapeStages(target.metricsUrl) : undefined;
  const hopBefore = sampleTrees(target.hopPids);
  const companionsBefore = sampleTrees(target.companionPids);

  const result = await load.run(stepSpec(target, profile, durationMs));

  const hopAfter = sampleTrees(target.hopPids);
  const companionsAfter = sampleTrees(target.companionPids);
  const cpu: StepCpu = {
    hopMs: target.hopPids.length > 0 ? hopAfter.cpuMs - hopBefore.cpuMs : undefined,
    companionMs: target.companionPids.length > 0 ? companionsAfter.cpuMs - companionsBefore.cpuMs : undefined,
  };
  if (!target.metricsUrl || !stagesBefore) return { result, cpu };
  const stagesAfter = await scrapeStages(target.metricsUrl);
  const stages: StageHistograms = new Map();
  for (const [stage, after] of stagesAfter) stages.set(stage, histogramDelta(stagesBefore.get(stage), after));
  return { result, cpu, stages };
}
