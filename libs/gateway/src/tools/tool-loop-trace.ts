import type { DeploymentConfig } from '@verosek/config';
import type { Usage } from '@verosek/protocol';
import type { AttemptRecord } from '@verosek/routing';
import type { ToolLoopStep } from './tool-step';

/**
 * What the tool loop's internal turns spent and did, kept apart from the final turn so the call
 * is settled and audited for all of them however it ends.
 */
export class ToolLoopTrace {
  usage?: Usage;
  attempts: AttemptRecord[] = [];
  deployment?: DeploymentConfig;

  constructor(readonly steps: ToolLoopStep[]) {}

  addTurn(usage: Usage, attempts: AttemptRecord[], deployment: DeploymentConfig): void {
    this.usage = addUsage(this.usage, usage);
    this.attempts.push(...attempts);
    this.deployment = deployment;
  }

  /** The internal turns' usage plus the final turn's. */
  totalUsage(final: Usage | undefined): Usage | undefined {
    return final ? addUsage(this.usage, final) : this.usage;
  }
}

function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return { ...b };
  const sum = (x?: number, y?: number) =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  const usage: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
  const cached = sum(a.cachedInputTokens, b.cachedInputTokens);
  const written = sum(a.cacheWriteInputTokens, b.cacheWriteInputTokens);
  const reasoning = sum(a.reasoningTokens, b.reasoningTokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (written !== undefined) usage.cacheWriteInputTokens = written;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}
