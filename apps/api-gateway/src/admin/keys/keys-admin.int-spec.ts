import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { KeysModule } from '@verosek/keys';
import {
  dropSchema,
  infrastructure,
  testConfig,
  testEnv,
  uniqueSchema,
} from '@verosek/keys/testing/keys-test-support';
import { KeysAdminModule } from './keys-admin.module';

const MASTER = 'test-master-key-0123456789';
const MAX_TTL = 86_400;

describe('admin keys API (Fastify, real Redis and Postgres)', () => {
  const schema = uniqueSchema('keys_admin_test');
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...infrastructure(schema, testConfig(MAX_TTL), testEnv({ masterKey: MASTER })),
        KeysModule.forRoot({ mode: 'embedded' }),
        KeysAdminModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    token: string | null = MASTER,
  ) =>
    app.inject({
      method,
      url,
      payload,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  it.each([
    ['no authorization', null],
    ['a wrong master key', 'test-master-key-0123456788'],
    ['a virtual key', 'vsk_AAAAAAAAAAAA_' + 'a'.repeat(43)],
  ])('answers 401 to %s', async (_, token) => {
    const res = await call('GET', '/admin/keys', undefined, token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: {
        message: expect.any(String),
        type: 'authentication_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
  });

  it('creates a key (201), shows it once, then lists and gets it without secret or hash', async () => {
    const res = await call('POST', '/admin/keys', {
      name: 'team-a',
      ttl_seconds: 3_600,
      models: ['gpt-4o-mini'],
      budgets: { daily_usd: 5, monthly_usd: 50 },
      rpm_limit: 60,
      tpm_limit: 100_000,
      metadata: { owner: 'a@example.com' },
      shield: { pii: 'redact' },
      tools: ['web_search'],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(new RegExp(`^vsk_${created.id}_[0-9A-Za-z]{43}$`));
    expect(created).toMatchObject({
      name: 'team-a',
      status: 'active',
      models: ['gpt-4o-mini'],
      budgets: { daily_usd: 5, weekly_usd: null, monthly_usd: 50 },
      rpm_limit: 60,
      tpm_limit: 100_000,
      metadata: { owner: 'a@example.com' },
      shield: { pii: 'redact' },
      tools: ['web_search'],
    });
    const secret = created.key.split('_')[2];

    const one = await call('GET', `/admin/keys/${created.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(secret);
    expect(one.body).not.toContain('sha256');
    expect(one.json()).not.toHaveProperty('key');
    const day = one.json().spend.find((s: { window: string }) => s.window === 'day');
    expect(day).toMatchObject({ spent_usd: 0, limit_usd: 5, remaining_usd: 5 });
    expect(Date.parse(day.reset_at)).toBeGreaterThan(Date.now());

    const list = await call('GET', '/admin/keys?limit=500');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((k: { id: string }) => k.id)).toContain(created.id);
    expect(list.body).not.toContain(secret);
  });

  it('patches, rotates and revokes', async () => {
    const created = (await call('POST', '/admin/keys', { name: 'lifecycle', ttl_seconds: 600 })).json();

    const patched = await call('PATCH', `/admin/keys/${created.id}`, {
      name: 'renamed',
      budgets: { weekly_usd: 7 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'renamed', budgets: { weekly_usd: 7 } });

    const rotated = await call('POST', `/admin/keys/${created.id}/rotate`, { grace_seconds: 30 });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toEqual({
      id: created.id,
      key: expect.stringMatching(/^vsk_/),
      previous_key_expires_at: expect.any(String),
    });
    expect(rotated.json().key).not.toBe(created.key);

    const revoked = await call('POST', `/admin/keys/${created.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: created.id, status: 'revoked' });
  });

  it.each([
    ['ttl_seconds missing', { name: 'x' }, 'ttl_seconds'],
    ['ttl_seconds not an integer', { name: 'x', ttl_seconds: 1.5 }, 'ttl_seconds'],
    ['name missing', { ttl_seconds: 60 }, 'name'],
    ['a negative budget', { name: 'x', ttl_seconds: 60, budgets: { daily_usd: -1 } }, 'budgets.daily_usd'],
    [
      'an unknown budget window',
      { name: 'x', ttl_seconds: 60, budgets: { yearly_usd: 1 } },
      'budgets.yearly_usd',
    ],
    ['models not a list', { name: 'x', ttl_seconds: 60, models: 'gpt-4o' }, 'models'],
    ['rpm_limit of 0', { name: 'x', ttl_seconds: 60, rpm_limit: 0 }, 'rpm_limit'],
    ['an unknown field', { name: 'x', ttl_seconds: 60, owner: 'me' }, 'owner'],
  ])('answers 400 naming the field for %s', async (_, body, param) => {
    const res = await call('POST', '/admin/keys', body);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', param });
    expect(error.message).toContain(param);
  });

  it('answers 400 ttl_too_long above keys.max_ttl_seconds', async () => {
    const res = await call('POST', '/admin/keys', { name: 'x', ttl_seconds: MAX_TTL + 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ param: 'ttl_seconds', code: 'ttl_too_long' });
  });

  it('refuses to clear a key name with null', async () => {
    const created = (await call('POST', '/admin/keys', { name: 'keep', ttl_seconds: 60 })).json();
    const res = await call('PATCH', `/admin/keys/${created.id}`, { name: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.param).toBe('name');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await call('GET', '/admin/keys/ZZZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'key_not_found' });
    const malformed = await call('POST', '/admin/keys/not-a-key-id/revoke');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ param: 'id', type: 'invalid_request_error' });
  });
});

describe('admin keys API without a master key', () => {
  it('is closed (401 admin_disabled)', async () => {
    const schema = uniqueSchema('keys_admin_off');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...infrastructure(schema, testConfig(), testEnv({ masterKey: undefined })),
        KeysModule.forRoot({ mode: 'embedded' }),
        KeysAdminModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const res = await app.inject({
        method: 'GET',
        url: '/admin/keys',
        headers: { authorization: 'Bearer anything' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('admin_disabled');
    } finally {
      await app.close();
      await dropSchema(schema);
    }
  });
});
