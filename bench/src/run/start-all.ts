import type { ServerProcess } from '../targets/server-process';
import type { RunContext } from '../targets/run-context';
import {
  directTarget,
  startBareProxyTarget,
  startClusterGateway,
  startEmbeddedGateway,
} from '../targets/start-targets';
import type { SkippedTarget, Target, TargetName } from '../targets/target';

const STARTERS: Record<TargetName, (ctx: RunContext, upstream: ServerProcess) => Promise<Target>> = {
  direct: (_, upstream) => directTarget(upstream),
  'bare-proxy': startBareProxyTarget,
  'gateway-embedded': startEmbeddedGateway,
  'gateway-cluster': startClusterGateway,
};

/** Starts the requested targets one by one; one that cannot start is skipped with its reason, the rest run. */
export async function startTargets(
  ctx: RunContext,
  upstream: ServerProcess,
  names: TargetName[],
  log: (line: string) => void,
): Promise<{ started: Target[]; skipped: SkippedTarget[] }> {
  const started: Target[] = [];
  const skipped: SkippedTarget[] = [];
  for (const name of names) {
    try {
      const target = await STARTERS[name](ctx, upstream);
      started.push(target);
      log(`${name}: ready at ${target.origin}${target.notes.length ? ` (${target.notes.join('; ')})` : ''}`);
    } catch (err) {
      const reason = (err as Error).message;
      skipped.push({ name, reason });
      log(`${name}: SKIPPED — ${reason}`);
    }
  }
  return { started, skipped };
}
