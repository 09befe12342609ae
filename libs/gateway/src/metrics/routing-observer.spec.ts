import type { DeploymentConfig, VerosekConfig } from '@verosek/config';
import { classifyFailure, InProcessCooldownStore, RouteExecutor } from '@verosek/routing';
import { MetricsService } from './metrics.service';
import { RoutingObserver } from './routing-observer';

function deployment(id: string, priority: number): DeploymentConfig {
  return {
    id,
    provider: 'openai',
    model: 'm',
    apiBase: 'http://127.0.0.1:1/v1',
    weight: 1,
    priority,
    headers: {},
  };
}

describe('RoutingObserver', () => {
  it('counts routing events and reports the cooled deployment in the cooldown gauge', async () => {
    const config = {
      models: [
        {
          name: 'g',
          deployments: [deployment('bad', 0), deployment('good', 1)],
          strategy: 'weighted',
          fallbacks: [],
          tools: [],
        },
      ],
      routing: { allowedFails: 1, cooldownSeconds: 60, timeoutMs: 1000, retries: 1 },
    } as unknown as VerosekConfig;
    const executor = new RouteExecutor({
      models: config.models,
      routing: config.routing,
      store: new InProcessCooldownStore(),
    });
    await executor.start();
    const metrics = new MetricsService();
    const observer = new RoutingObserver(config, executor, metrics);
    observer.onModuleInit();

    const result = await executor.execute('g', async (d) => {
      if (d.id === 'bad') throw classifyFailure(500, 'http');
      return 'ok';
    });
    expect(result.deployment.id).toBe('good');

    const text = await metrics.exposition();
    expect(text).toContain('verosek_deployment_cooldown{deployment="bad"} 1');
    expect(text).toContain('verosek_deployment_cooldown{deployment="good"} 0');
    expect(text).toContain('verosek_routing_events_total{type="cooled"} 1');
    expect(text).toContain('verosek_routing_events_total{type="retry"} 1');
    observer.onModuleDestroy();
    await executor.stop();
  });
});
