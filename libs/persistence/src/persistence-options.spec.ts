import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { DEFAULT_DATA_DIR, resolvePersistenceOptions } from './persistence-options';

describe('resolvePersistenceOptions', () => {
  it('defaults to embedded PGlite in ./.verosek-data/pg with every entity and migration', () => {
    expect(resolvePersistenceOptions({})).toEqual({
      target: { kind: 'embedded', dataDir: DEFAULT_DATA_DIR },
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: undefined,
      poolSize: 10,
      retryAttempts: 5,
    });
    expect(DEFAULT_DATA_DIR).toBe('./.verosek-data/pg');
  });

  it('targets the given Postgres when a URL is set', () => {
    const url = 'postgres://postgres@db:5432/verosek';
    expect(resolvePersistenceOptions({ databaseUrl: url, poolSize: 20 })).toMatchObject({
      target: { kind: 'external', url },
      poolSize: 20,
    });
  });

  it('rejects bad options naming the field, without echoing a URL that may hold a password', () => {
    expect(() => resolvePersistenceOptions({ databaseUrl: 'mysql://u:secret@db/x' })).toThrow(
      'persistence: DATABASE_URL must start with postgres://, got "mysql://"',
    );
    expect(() => resolvePersistenceOptions({ databaseUrl: 'not a url secret' })).toThrow(
      /^persistence: DATABASE_URL is not a valid URL$/,
    );
    expect(() => resolvePersistenceOptions({ databaseUrl: 'postgres://h/db', dataDir: '/tmp/x' })).toThrow(
      /databaseUrl .* or dataDir .*, not both/,
    );
    expect(() => resolvePersistenceOptions({ schema: 'tenant' })).toThrow(
      /schema is for an external Postgres/,
    );
    expect(() =>
      resolvePersistenceOptions({ databaseUrl: 'postgres://h/db', schema: 'Robert"; DROP TABLE x' }),
    ).toThrow(/persistence: schema must be a lower-case SQL identifier/);
    expect(() => resolvePersistenceOptions({ poolSize: 0 })).toThrow(
      'persistence: poolSize must be an integer >= 1, got 0',
    );
    expect(() => resolvePersistenceOptions({ retryAttempts: -1 })).toThrow(
      /retryAttempts must be an integer >= 0/,
    );
  });
});

describe('MIGRATIONS', () => {
  it('are listed oldest first, each with a unique name ending in its timestamp', () => {
    const names = MIGRATIONS.map((migration) => new migration().name as string);
    const stamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
    expect(stamps.every((stamp) => Number.isSafeInteger(stamp))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(names).size).toBe(names.length);
  });
});
