import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort } from './free-port';
import { writeGatewayConfig } from './gateway-config';
import { appMain, benchMain, type RunContext } from './run-context';
import { ServerProcess } from './server-process';
import { smokeCheck } from './smoke-check';
import { NO_STAGE_TIMINGS, type Target, type TargetName } from './target';
import { provisionCallerKey } from './virtual-key';

const UPSTREAM_KEY = 'sk-bench-fake';

/**
 * The fast fake upstream, in its own process, and the gateway config that points at it (written once,
 * here, before any app that reads it starts).
 */
export async function startUpstream(ctx: RunContext): Promise<ServerProcess> {
  const upstream = await ServerProcess.fork({
    name: 'fake-upstream',
    script: benchMain('servers/fake-upstream.main.js'),
    env: { BENCH_UPSTREAM_LATENCY_MS: String(ctx.upstreamLatencyMs) },
    logDir: ctx.runDir,
  });
  writeGatewayConfig(configFile(ctx), `${upstreamOrigin(upstream)}/v1`);
  return upstream;
}

function configFile(ctx: RunContext): string {
  return join(ctx.runDir, 'verosek.bench.yaml');
}

export function upstreamOrigin(upstream: ServerProcess): string {
  return `http://127.0.0.1:${upstream.port}`;
}

/** No hop: the load generator calls the fake directly. The baseline every other target is compared to. */
export async function directTarget(upstream: ServerProcess): Promise<Target> {
  const headers = { authorization: `Bearer ${UPSTREAM_KEY}` };
  await smokeCheck(upstreamOrigin(upstream), headers);
  return {
    name: 'direct',
    origin: upstreamOrigin(upstream),
    headers,
    hopPids: [],
    companionPids: [],
    notes: [],
    stop: async () => {},
  };
}

export async function startBareProxyTarget(ctx: RunContext, upstream: ServerProcess): Promise<Target> {
  const proxy = await ServerProcess.fork({
    name: 'bare-proxy',
    script: benchMain('servers/bare-proxy.main.js'),
    env: { BENCH_UPSTREAM_ORIGIN: upstreamOrigin(upstream) },
    logDir: ctx.runDir,
  });
  const origin = `http://127.0.0.1:${proxy.port}`;
  const headers = { authorization: `Bearer ${UPSTREAM_KEY}` };
  try {
    await smokeCheck(origin, headers);
  } catch (err) {
    await proxy.stop();
    throw err;
  }
  return {
    name: 'bare-proxy',
    origin,
    headers,
    hopPids: [proxy.pid],
    companionPids: [],
    notes: [],
    stop: () => proxy.stop(),
  };
}

/** The gateway alone: PGlite and in-process queues, everything in one process. */
export function startEmbeddedGateway(ctx: RunContext): Promise<Target> {
  const dataDir = join(ctx.runDir, 'embedded-data');
  mkdirSync(dataDir, { recursive: true });
  return startGateway(ctx, 'gateway-embedded', { VEROSEK_DATA_DIR: dataDir }, []);
}

/**
 * The embedded gateway with one of its three deployments failing (connection refused): the first
 * calls fall back and cool it; after that it gets no traffic, so the overhead should match the
 * healthy gateway's.
 */
export async function startEmbeddedGatewayWithFailingDeployment(
  ctx: RunContext,
  upstream: ServerProcess,
): Promise<Target> {
  const dataDir = join(ctx.runDir, 'embedded-failing-data');
  mkdirSync(dataDir, { recursive: true });
  const config = join(ctx.runDir, 'verosek.bench.failing.yaml');
  writeGatewayConfig(config, `${upstreamOrigin(upstream)}/v1`, `http://127.0.0.1:${await freePort()}/v1`);
  return startGateway(
    ctx,
    'gateway-embedded-1-failing',
    { VEROSEK_DATA_DIR: dataDir, VEROSEK_CONFIG: config },
    ['deployment fake-c points at a closed port: cooled after 3 failures, then routed around'],
  );
}

/** The apps cluster mode runs beside the gateway; audit-service is required (audit enqueue is on the path). */
const COMPANIONS = [
  { app: 'audit-service', required: true },
  { app: 'keys-service', required: false },
  { app: 'shield-service', required: false },
] as const;

/** The gateway on real Redis (BullMQ) and Postgres, with the companion apps as separate processes. */
export async function startClusterGateway(ctx: RunContext): Promise<Target> {
  const clusterEnv = { REDIS_URL: ctx.redisUrl, DATABASE_URL: ctx.databaseUrl };
  const companions: ServerProcess[] = [];
  const notes: string[] = [];
  const stopCompanions = () => Promise.all(companions.map((c) => c.stop())).then(() => undefined);
  try {
    for (const { app, required } of COMPANIONS) {
      const script = appMain(ctx, app);
      if (!existsSync(script)) {
        if (required) throw new Error(`${app} is not built yet (${script} does not exist)`);
        notes.push(`${app} not started: ${script} does not exist`);
        continue;
      }
      companions.push(
        await ServerProcess.spawnApp({
          name: app,
          script,
          port: await freePort(),
          readyPath: '/health/ready',
          env: { ...clusterEnv, ...appEnv(ctx) },
          logDir: ctx.runDir,
        }),
      );
    }
    notes.push(
      `companions: ${companions.map((c) => c.name).join(', ')}; Redis ${ctx.redisUrl}, Postgres ${redactUrl(ctx.databaseUrl)}`,
    );
    const gateway = await startGateway(ctx, 'gateway-cluster', clusterEnv, notes);
    return {
      ...gateway,
      companionPids: companions.map((c) => c.pid),
      stop: async () => {
        await gateway.stop();
        await stopCompanions();
      },
    };
  } catch (err) {
    await stopCompanions();
    throw err;
  }
}

/** Env of every Verosek app of the run. */
function appEnv(ctx: RunContext): Record<string, string> {
  return {
    VEROSEK_CONFIG: configFile(ctx),
    VEROSEK_MASTER_KEY: ctx.masterKey,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
}

async function startGateway(
  ctx: RunContext,
  name: TargetName,
  modeEnv: Record<string, string>,
  notes: string[],
): Promise<Target> {
  const gateway = await ServerProcess.spawnApp({
    name,
    script: appMain(ctx, 'api-gateway'),
    port: await freePort(),
    readyPath: '/health/ready',
    env: { ...appEnv(ctx), ...modeEnv, VEROSEK_WORKERS: String(ctx.workers) },
    logDir: ctx.runDir,
  });
  const origin = `http://127.0.0.1:${gateway.port}`;
  try {
    const caller = await provisionCallerKey(origin, ctx.masterKey);
    if (caller.fallbackReason) {
      notes.push(
        `driven with the master key, so the virtual-key check and budget were NOT on the path (${caller.fallbackReason})`,
      );
    } else {
      notes.push('driven with a virtual key created by POST /admin/keys, with a daily budget');
    }
    const headers = { authorization: `Bearer ${caller.key}` };
    await smokeCheck(origin, headers);
    const metricsUrl = `${origin}/metrics`;
    const metricsProblem = await probeMetrics(metricsUrl);
    if (metricsProblem) notes.push(`${NO_STAGE_TIMINGS}${metricsProblem}`);
    return {
      name,
      origin,
      headers,
      hopPids: [gateway.pid],
      companionPids: [],
      metricsUrl: metricsProblem ? undefined : metricsUrl,
      notes,
      stop: () => gateway.stop(),
    };
  } catch (err) {
    await gateway.stop();
    throw err;
  }
}

/** Undefined when GET /metrics answers 200 in the Prometheus text format; else what is wrong. */
async function probeMetrics(url: string): Promise<string | undefined> {
  try {
    const res = await request(url);
    await res.body.dump();
    if (res.statusCode !== 200) return `GET /metrics answered HTTP ${res.statusCode}`;
    return undefined;
  } catch (err) {
    return `GET /metrics failed: ${(err as Error).message}`;
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
