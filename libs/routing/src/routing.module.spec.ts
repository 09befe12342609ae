import { Test } from '@nestjs/testing';
import { VerosekConfigModule, type VerosekConfig } from '@verosek/config';
import { deployment, group, ROUTING, ScriptedUpstream } from './executor/route-executor.test-kit';
import { RouteExecutor } from './executor/route-executor';
import { COOLDOWN_STORE, type CooldownStore } from './health/cooldown-store';
import { InProcessCooldownStore } from './health/in-process-cooldown-store';
import { RoutingModule } from './routing.module';

const CONFIG: VerosekConfig = {
  source: '/test/verosek.yaml',
  models: [group('gpt', [deployment('a')])],
  routing: ROUTING,
  keys: { maxTtlSeconds: 3600 },
  audit: { retentionDays: 1, logBodies: false },
  limits: { maxBodyBytes: 1024 * 1024, imageFetchMaxBytes: 1024, allowPrivateImageUrls: false },
  shield: {},
  tools: [],
};

async function compile(routing = RoutingModule.forRoot()) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      VerosekConfigModule.forRoot({
        config: CONFIG,
        env: { port: 0, host: '127.0.0.1', dataDir: '/tmp', logLevel: 'error', workers: 1 },
      }),
      routing,
    ],
  }).compile();
  return moduleRef.init();
}

describe('RoutingModule', () => {
  it('provides a started RouteExecutor for the configured model groups, with an in-process store by default', async () => {
    const app = await compile();
    expect(app.get(COOLDOWN_STORE)).toBeInstanceOf(InProcessCooldownStore);
    const routed = await app.get(RouteExecutor).execute('gpt', new ScriptedUpstream().attempt);
    expect(routed.deployment.id).toBe('a');
    await app.close();
  });

  it('uses the store the factory gives, and stops following it on shutdown', async () => {
    const inner = new InProcessCooldownStore();
    let watching = 0;
    const store: CooldownStore = Object.assign(Object.create(inner) as CooldownStore, {
      watch: async (watcher: Parameters<CooldownStore['watch']>[0]) => {
        watching += 1;
        const stop = await inner.watch(watcher);
        return async () => {
          watching -= 1;
          await stop();
        };
      },
    });
    const app = await compile(RoutingModule.forRoot({ store: { useFactory: () => store } }));
    expect(app.get(COOLDOWN_STORE)).toBe(store);
    expect(watching).toBe(1);
    await app.close();
    expect(watching).toBe(0);
  });
});
