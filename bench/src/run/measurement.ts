import type { StepResult } from '../load/load-protocol';
import type { Profile } from '../plan/profiles';
import { histogramSum, type BucketedHistogram } from '../probes/prom-text';
import type { StageHistograms } from '../probes/stage-timings';
import { Histogram } from '../stats/histogram';
import type { TargetName } from '../targets/target';

/** CPU spent by a configuration's processes during one step (ms); undefined when it has none. */
export interface StepCpu {
  hopMs?: number;
  companionMs?: number;
}

/** Everything measured for one target under one profile, summed over the rounds. */
export class Measurement {
  readonly latency = new Histogram();
  readonly ttfb = new Histogram();
  readonly service = new Histogram();
  readonly sendLag = new Histogram();
  readonly errorSamples = new Set<string>();
  readonly stages = new Map<string, BucketedHistogram>();
  ok = 0;
  errors = 0;
  elapsedMs = 0;
  steps = 0;
  hopCpuMs?: number;
  companionCpuMs?: number;

  constructor(
    readonly target: TargetName,
    readonly profile: Profile,
  ) {}

  get requests(): number {
    return this.ok + this.errors;
  }

  addStep(result: StepResult, cpu: StepCpu, stages: StageHistograms | undefined): void {
    this.steps++;
    this.latency.add(Histogram.fromSnapshot(result.latencyUs));
    this.ttfb.add(Histogram.fromSnapshot(result.ttfbUs));
    this.service.add(Histogram.fromSnapshot(result.serviceUs));
    this.sendLag.add(Histogram.fromSnapshot(result.sendLagUs));
    this.ok += result.ok;
    this.errors += result.errors;
    this.elapsedMs += result.elapsedMs;
    for (const sample of result.errorSamples) if (this.errorSamples.size < 5) this.errorSamples.add(sample);
    if (cpu.hopMs !== undefined) this.hopCpuMs = (this.hopCpuMs ?? 0) + cpu.hopMs;
    if (cpu.companionMs !== undefined) this.companionCpuMs = (this.companionCpuMs ?? 0) + cpu.companionMs;
    for (const [stage, delta] of stages ?? [])
      this.stages.set(stage, histogramSum(this.stages.get(stage), delta));
  }
}
