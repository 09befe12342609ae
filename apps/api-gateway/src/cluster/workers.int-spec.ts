import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  answeringWorker,
  isAlive,
  MAIN,
  startGateway,
  until,
  useWorkersFixture,
  workerPids,
  workersAnswering,
} from './test-support/gateway-workers';

/**
 * The compiled gateway (dist/, as `npm start` runs it) with VEROSEK_WORKERS=2 in cluster mode on the
 * real Redis and Postgres: calls are answered by two worker processes, a killed worker is replaced,
 * SIGTERM stops them all; with only one of the two URLs, two workers are refused.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MASTER_KEY = 'sk-master-workers-test';

describe('api-gateway with VEROSEK_WORKERS=2 in cluster mode', () => {
  const fixture = useWorkersFixture('verosek-workers-');

  it('spreads calls over two worker processes, replaces a dead one and stops on SIGTERM', async () => {
    const gateway = (fixture.gateway = await startGateway(fixture.dir, {
      REDIS_URL,
      DATABASE_URL,
      VEROSEK_WORKERS: '2',
      VEROSEK_MASTER_KEY: MASTER_KEY,
      VEROSEK_CONFIG: fixture.config,
    }));
    const { origin, proc } = gateway;

    const firstTwo = await workersAnswering(origin, MASTER_KEY, 2);
    expect(firstTwo.size).toBe(2);
    expect(workerPids(proc.pid!)).toHaveLength(2);

    const [victim] = workerPids(proc.pid!);
    process.kill(victim, 'SIGKILL');
    await until(() => workerPids(proc.pid!).length === 2 && !workerPids(proc.pid!).includes(victim));
    // The replacement answers once it listens (a new cluster id); the survivor serves meanwhile.
    await until(async () => !firstTwo.has(await answeringWorker(origin, MASTER_KEY)));

    const pids = workerPids(proc.pid!);
    expect(await gateway.stop()).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('refuses two workers with Redis but no Postgres, saying what is needed', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      cwd: fixture.dir,
      env: {
        PATH: process.env.PATH,
        REDIS_URL,
        VEROSEK_WORKERS: '2',
        VEROSEK_DATA_DIR: join(fixture.dir, 'data'),
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'VEROSEK_WORKERS is 2, but several workers need both REDIS_URL and DATABASE_URL',
    );
  });
});
