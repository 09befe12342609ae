import { availableParallelism } from 'node:os';
import { EnvError, readEnv } from './env';

const CLUSTER = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
};

describe('readEnv: VEROSEK_WORKERS', () => {
  it('defaults to 1 in embedded mode', () => {
    expect(readEnv({}).workers).toBe(1);
  });

  it('defaults to one worker per core in cluster mode', () => {
    expect(readEnv(CLUSTER).workers).toBe(availableParallelism());
  });

  it('defaults to 1 with Redis but no Postgres: the PGlite data directory is not shareable', () => {
    expect(readEnv({ REDIS_URL: CLUSTER.REDIS_URL }).workers).toBe(1);
  });

  it('takes an explicit count in cluster mode', () => {
    expect(readEnv({ ...CLUSTER, VEROSEK_WORKERS: '3' }).workers).toBe(3);
    expect(readEnv({ ...CLUSTER, VEROSEK_WORKERS: '1' }).workers).toBe(1);
  });

  it('takes an explicit count in embedded mode', () => {
    expect(readEnv({ VEROSEK_WORKERS: '1' }).workers).toBe(1);
    expect(readEnv({ VEROSEK_WORKERS: '3' }).workers).toBe(3);
  });

  it.each([{ REDIS_URL: CLUSTER.REDIS_URL }, { DATABASE_URL: CLUSTER.DATABASE_URL }])(
    'refuses several workers with only one of REDIS_URL and DATABASE_URL (%o), saying what is needed',
    (mode) => {
      const read = () => readEnv({ ...mode, VEROSEK_WORKERS: '2' });
      expect(read).toThrow(EnvError);
      expect(read).toThrow(/VEROSEK_WORKERS is 2, but several workers need both REDIS_URL and DATABASE_URL/);
    },
  );

  it('reads the database URL an embedded primary gives its workers', () => {
    expect(readEnv({}).hubDatabaseUrl).toBeUndefined();
    const url = 'postgres://postgres@127.0.0.1:40123/postgres';
    expect(readEnv({ VEROSEK_HUB_DATABASE_URL: url }).hubDatabaseUrl).toBe(url);
    expect(() => readEnv({ VEROSEK_HUB_DATABASE_URL: 'not a url' })).toThrow(
      /VEROSEK_HUB_DATABASE_URL must be a URL/,
    );
  });

  it.each(['0', '-1', '1.5', 'many'])('refuses VEROSEK_WORKERS=%s, naming the variable', (value) => {
    expect(() => readEnv({ ...CLUSTER, VEROSEK_WORKERS: value })).toThrow(
      'environment variable VEROSEK_WORKERS must be a positive integer',
    );
  });
});
