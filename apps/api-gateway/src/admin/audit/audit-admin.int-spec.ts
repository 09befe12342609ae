import { Global, Module } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuditCallBuilder, AuditEvent, AuditWriter } from '@verosek/audit';
import { AuditTestDb, createAuditTestDb } from '@verosek/audit/testing/audit-test-db';
import { parseConfig, readEnv, VerosekConfigModule } from '@verosek/config';
import { DataSource } from 'typeorm';
import { AuditAdminModule } from './audit-admin.module';

const MASTER_KEY = 'vsk_master_test';
const AUTH = { authorization: `Bearer ${MASTER_KEY}` };

/** Five calls over two keys, two models and two days; each with one attempt step. */
function fixtureCalls(): AuditEvent[][] {
  const spec = [
    { key: 'ka', model: 'gpt-4o', at: '2026-03-01T10:00:00.000Z', cost: 0.5, tokens: [10, 20] },
    { key: 'kb', model: 'gpt-4o', at: '2026-03-01T11:00:00.000Z', cost: 0.25, tokens: [1, 2] },
    { key: 'ka', model: 'claude', at: '2026-03-02T09:00:00.000Z', cost: 1, tokens: [100, 200] },
    { key: 'ka', model: 'gpt-4o', at: '2026-03-02T12:00:00.000Z', cost: 0.125, tokens: [5, 5] },
    { key: 'kb', model: 'claude', at: '2026-03-02T12:00:00.000Z', cost: 2, tokens: [50, 60] },
  ];
  return spec.map((s, i) => {
    const start = Date.parse(s.at);
    const call = AuditCallBuilder.start({ requestId: `req_${i}`, keyId: s.key, modelGroup: s.model }, start);
    call.step('attempt', { deployment: `${s.model}#0` }, start + 1).end({ status: 200 }, start + 9);
    call.usage({ inputTokens: s.tokens[0], outputTokens: s.tokens[1] });
    return call.finish({ status: 200, cost_usd: s.cost }, start + 10);
  });
}

jest.setTimeout(60_000);

describe('admin audit and spend API', () => {
  let db: AuditTestDb;
  let app: NestFastifyApplication;
  let calls: AuditEvent[][];

  beforeAll(async () => {
    db = await createAuditTestDb();
    calls = fixtureCalls();
    await new AuditWriter(db.dataSource).insert(calls.flat());

    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: db.dataSource }], exports: [DataSource] })
    class TestDataSourceModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        VerosekConfigModule.forRoot({
          config: parseConfig('', 'test.yaml', {}),
          env: readEnv({ VEROSEK_MASTER_KEY: MASTER_KEY }),
        }),
        TestDataSourceModule,
        AuditAdminModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function get(url: string, headers: Record<string, string> = AUTH) {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json() };
  }

  it('refuses requests without the master key', async () => {
    expect((await get('/admin/audit', {})).status).toBe(401);
    expect((await get('/admin/spend', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/admin/audit/req_0', {})).status).toBe(401);
  });

  it('lists call records newest first, page by page, without steps', async () => {
    const seen: AuditEvent[] = [];
    let url = '/admin/audit?limit=2';
    const pages: number[] = [];
    for (;;) {
      const { status, body } = await get(url);
      expect(status).toBe(200);
      pages.push(body.data.length);
      seen.push(...body.data);
      if (body.next_cursor === null) break;
      url = `/admin/audit?limit=2&cursor=${body.next_cursor}`;
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(seen.every((event) => event.kind === 'call')).toBe(true);
    const expected = calls
      .map(([call]) => call)
      .sort((a, b) => b.started_at.localeCompare(a.started_at) || b.id.localeCompare(a.id));
    expect(seen).toEqual(expected);
  });

  it('filters by key, model, request and time range', async () => {
    const ids = async (query: string) =>
      ((await get(`/admin/audit?${query}`)).body.data as AuditEvent[]).map((e) => e.request_id).sort();
    expect(await ids('key_id=ka')).toEqual(['req_0', 'req_2', 'req_3']);
    expect(await ids('model=claude')).toEqual(['req_2', 'req_4']);
    expect(await ids('key_id=kb&model=claude')).toEqual(['req_4']);
    expect(await ids('request_id=req_1')).toEqual(['req_1']);
    expect(await ids('from=2026-03-02&to=2026-03-02T12:00:00Z')).toEqual(['req_2']);
  });

  it('returns one call with its steps', async () => {
    const [call, attempt] = calls[2];
    const { status, body } = await get('/admin/audit/req_2');
    expect(status).toBe(200);
    expect(body).toEqual({ call, steps: [attempt] });
    expect(body.call.cost_usd).toBe(1);
  });

  it('answers 404 for an unknown request id', async () => {
    const { status, body } = await get('/admin/audit/req_missing');
    expect(status).toBe(404);
    expect(body.error.message).toContain('req_missing');
  });

  it('sums spend per key, per model and per day', async () => {
    const byKey = await get('/admin/spend?group_by=key');
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual({
      group_by: 'key',
      from: null,
      to: null,
      data: [
        { group: 'kb', calls: 2, input_tokens: 51, output_tokens: 62, cached_tokens: 0, cost_usd: 2.25 },
        { group: 'ka', calls: 3, input_tokens: 115, output_tokens: 225, cached_tokens: 0, cost_usd: 1.625 },
      ],
    });
    const byModel = await get('/admin/spend?group_by=model&from=2026-03-02');
    expect(byModel.body.data.map((r: { group: string; cost_usd: number }) => [r.group, r.cost_usd])).toEqual([
      ['claude', 3],
      ['gpt-4o', 0.125],
    ]);
    const byDay = await get('/admin/spend?group_by=day');
    expect(byDay.body.data.map((r: { group: string; calls: number }) => [r.group, r.calls])).toEqual([
      ['2026-03-01', 2],
      ['2026-03-02', 3],
    ]);
  });

  it.each([
    ['/admin/audit?limit=0', 'limit'],
    ['/admin/audit?limit=abc', 'limit'],
    ['/admin/audit?cursor=nonsense', 'cursor'],
    ['/admin/audit?from=yesterday', 'from'],
    ['/admin/audit?key_id=a&key_id=b', 'key_id'],
    ['/admin/audit?keyid=ka', 'keyid'],
    ['/admin/spend?group_by=provider', 'group_by'],
    ['/admin/spend?to=2026-99-99', 'to'],
  ])('answers 400 naming the bad parameter: %s', async (url, param) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.error.param).toBe(param);
    expect(body.error.message).toContain(param);
  });
});
