import type { DeploymentConfig, ModelGroupConfig, RoutingConfig } from '@verosek/config';
import { classifyFailure } from '../failure/classify-failure';
import type { RoutingEvent, RoutingListener } from './routing-events';

// Test helpers for the executor's unit and integration tests (not exported from the lib).

export const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

export const ROUTING: RoutingConfig = { allowedFails: 3, cooldownSeconds: 30, timeoutMs: 10_000, retries: 2 };

export class FakeClock {
  constructor(public time = T0) {}
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export function deployment(id: string, overrides: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return {
    id,
    provider: 'openai',
    model: `model-${id}`,
    apiBase: 'http://127.0.0.1:9/v1',
    weight: 1,
    priority: 0,
    headers: {},
    ...overrides,
  };
}

export function group(
  name: string,
  deployments: DeploymentConfig[],
  overrides: Partial<ModelGroupConfig> = {},
): ModelGroupConfig {
  return { name, deployments, strategy: 'weighted', fallbacks: [], tools: [], ...overrides };
}

type Behaviour = (d: DeploymentConfig) => Promise<string>;

/** A scripted upstream: per deployment, succeed, fail with a status, or hang until released. */
export class ScriptedUpstream {
  readonly calls: string[] = [];
  private readonly behaviours = new Map<string, Behaviour>();

  readonly attempt = (d: DeploymentConfig): Promise<string> => {
    this.calls.push(d.id);
    return (this.behaviours.get(d.id) ?? (async () => `answer from ${d.id}`))(d);
  };

  succeed(id: string): void {
    this.behaviours.delete(id);
  }

  failWith(id: string, status: number, retryAfter?: string): void {
    this.behaviours.set(id, async () => {
      throw classifyFailure(status, 'http', retryAfter);
    });
  }

  /** Every call to `id` hangs until the returned function settles them all. */
  hang(id: string): { release(): void; fail(status: number): void } {
    const waiting: Array<{ resolve: (v: string) => void; reject: (e: unknown) => void }> = [];
    this.behaviours.set(
      id,
      () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })),
    );
    return {
      release: () => waiting.splice(0).forEach((w) => w.resolve(`answer from ${id}`)),
      fail: (status) => waiting.splice(0).forEach((w) => w.reject(classifyFailure(status, 'http'))),
    };
  }

  count(id: string): number {
    return this.calls.filter((c) => c === id).length;
  }

  reset(): void {
    this.calls.length = 0;
  }
}

export class RecordingListener implements RoutingListener {
  readonly events: RoutingEvent[] = [];
  onRoutingEvent(event: RoutingEvent): void {
    this.events.push(event);
  }
  ofType<K extends RoutingEvent['type']>(type: K): Array<Extract<RoutingEvent, { type: K }>> {
    return this.events.filter((e): e is Extract<RoutingEvent, { type: K }> => e.type === type);
  }
}

/** Lets pending promise callbacks and I/O callbacks run until `done()` holds (bounded). */
export async function settleUntil(done: () => boolean, maxTurns = 1_000): Promise<void> {
  for (let turn = 0; turn < maxTurns && !done(); turn++)
    await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error(`condition not reached after ${maxTurns} event-loop turns`);
}

/** Polls `done` every few milliseconds (for effects that travel through Redis); fails after `limitMs`. */
export async function waitFor(done: () => boolean, limitMs = 2_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
