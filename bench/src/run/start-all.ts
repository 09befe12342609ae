import type { ServerProcess } from '../targets/server-process';
import type { RunContext } from '../targets/run-context';
import {
  directTarget,
  startBareProxyTarget,
  startClusterGateway,
  startEmbeddedGateway,
  startEmbeddedGatewayWithFailingDeployment,
} from '../targets/start-targets';
import type { SkippedTarget, Target, TargetName } from '../targets/target';

const STARTERS: Record<TargetName, (ctx: RunContext, upstream: ServerProcess) => Promise<Target>> = {
  direct: (_, upstream) => directTarget(upstream),
  'bare-proxy': startBareProxyTarget,
  'gateway-embedded': (ctx) => startEmbeddedGateway(ctx),
  'gateway-embedded-1-failing': startEmbeddedGatewayWithFailingDeployment,
  'gateway-cluster': (ctx) => startClusterGateway(ctx),
};

/**
 * Starts the requested targets side by side (boot time is most of a quick run); one that cannot start
 * is skipped with its reason, the rest run.
 */
export async function startTargets(
  ctx: RunContext,
  upstream: ServerProcess,
  names: TargetName[],
  log: (line: string) => void,
): Promise<{ started: Target[]; skipped: SkippedTarget[] }> {
  const outcomes = await Promise.allSettled(names.map((name) => STARTERS[name](ctx, upstream)));
  const started: Target[] = [];
  const skipped: SkippedTarget[] = [];
  outcomes.forEach((outcome, i) => {
    const name = names[i];
    if (outcome.status === 'fulfilled') {
      started.push(outcome.value);
      const notes = outcome.value.notes;
      log(`${name}: ready at ${outcome.value.origin}${notes.length ? ` (${notes.join('; ')})` : ''}`);
    } else {
      const reason = (outcome.reason as Error).message;
      skipped.push({ name, reason });
      log(`${name}: SKIPPED — ${reason}`);
    }
  });
  return { started, skipped };
}
