import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuditCallDetail, AuditEvent, AuditPage, SpendRow } from '@verosek/audit';
import { FAKE_OPENAI_API_KEY } from '@verosek/testing';
import OpenAI from 'openai';
import { AdminClient, eventually } from '../harness/admin-client';
import {
  clusterEnv,
  startAuditService,
  startKeysService,
  uniqueTransportNamespace,
} from '../harness/cluster-services';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { startFakes, startGateway } from '../harness/gateway-harness';

jest.setTimeout(60_000);

const CALLS = 12;
const PAGE = 5;
const PRICE = 'input_cost_per_mtok: 1000, output_cost_per_mtok: 2000';

interface Mode {
  name: string;
  start(yaml: string): Promise<{ gateway: RunningGateway; services: NestFastifyApplication[] }>;
}

const MODES: Mode[] = [
  {
    name: 'cluster mode: api-gateway, keys-service, audit-service on the real Redis and Postgres',
    async start(yaml) {
      const namespace = uniqueTransportNamespace('e2e-audit');
      const services = await Promise.all([startKeysService(namespace), startAuditService()]);
      return { gateway: await startGateway({ yaml, env: clusterEnv(namespace) }), services };
    },
  },
  {
    name: 'embedded mode: one process on PGlite',
    start: async (yaml) => ({ gateway: await startGateway({ yaml }), services: [] }),
  },
];

describe.each(MODES)('audit through the HTTP gateway ($name)', (mode) => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let services: NestFastifyApplication[];
  let admin: AdminClient;
  let keyId: string;
  const requestIds: string[] = [];

  /** Every page of the key's call records, following next_cursor. */
  async function allPages(): Promise<AuditEvent[][]> {
    const pages: AuditEvent[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `key_id=${keyId}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: AuditPage = await admin.get<AuditPage>(`/admin/audit?${query}`);
      pages.push(page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    fakes = await startFakes();
    const yaml = `
models:
  - name: gpt-4o
    deployments:
      - { provider: openai, model: gpt-4o-2024-08-06, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY}, ${PRICE} }
`;
    ({ gateway, services } = await mode.start(yaml));
    admin = new AdminClient(gateway.url);
    const key = await admin.createKey({ name: 'e2e-audit', ttl_seconds: 600 });
    keyId = key.id;
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key.key, maxRetries: 0 });
    fakes.openai.script(
      ...Array.from({ length: CALLS }, () => ({ text: 'ok', usage: { input: 10, output: 5 } })),
    );
    for (let i = 0; i < CALLS; i++) {
      const { response } = await client.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: `call ${i}` }] })
        .withResponse();
      requestIds.push(response.headers.get('x-request-id')!);
    }
  });
  afterAll(async () => {
    await gateway?.close();
    for (const service of services ?? []) await service.close();
    await fakes?.close();
  });

  it('records exactly one call per request, each with the key id, paged by key_id', async () => {
    let pages: AuditEvent[][] = [];
    await eventually(async () => {
      pages = await allPages();
      return pages.flat().length >= CALLS;
    }, `${CALLS} call records of the key`);
    const calls = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([PAGE, PAGE, CALLS - 2 * PAGE]);
    expect(calls).toHaveLength(CALLS);
    expect(new Set(calls.map((c) => c.id)).size).toBe(CALLS);
    expect(calls.map((c) => c.request_id).sort()).toEqual([...requestIds].sort());
    for (const call of calls) {
      expect(call).toMatchObject({
        kind: 'call',
        key_id: keyId,
        parent_id: null,
        model_group: 'gpt-4o',
        deployment: 'gpt-4o#0',
        status: 200,
        input_tokens: 10,
        output_tokens: 5,
      });
      expect(Number(call.cost_usd)).toBeCloseTo((10 * 1000 + 5 * 2000) / 1e6, 9);
    }
  });

  it('shows one call with its attempt and Shield steps by request id', async () => {
    let detail: AuditCallDetail | undefined;
    await eventually(async () => {
      detail = await admin.get<AuditCallDetail>(`/admin/audit/${requestIds[0]}`).catch(() => undefined);
      return (
        detail !== undefined &&
        detail.steps.some((s) => s.kind === 'attempt') &&
        detail.steps.some((s) => s.kind === 'shield')
      );
    }, 'the steps of the first call');
    const { call, steps } = detail!;
    expect(call).toMatchObject({ request_id: requestIds[0], kind: 'call', key_id: keyId });
    for (const step of steps) expect(step).toMatchObject({ parent_id: call.id, request_id: requestIds[0] });
    expect(steps.filter((s) => s.kind === 'attempt')).toEqual([
      expect.objectContaining({ deployment: 'gpt-4o#0', provider: 'openai', status: 200 }),
    ]);
  });

  it('sums the spend per key', async () => {
    const summary = await admin.get<{ group_by: string; data: SpendRow[] }>('/admin/spend?group_by=key');
    expect(summary.group_by).toBe('key');
    const row = summary.data.find((r) => r.group === keyId);
    expect(row).toMatchObject({ calls: CALLS, input_tokens: 10 * CALLS, output_tokens: 5 * CALLS });
    expect(row!.cost_usd).toBeCloseTo((CALLS * (10 * 1000 + 5 * 2000)) / 1e6, 9);
  });

  it('answers an unknown request id with 404', async () => {
    await expect(admin.get('/admin/audit/req_does_not_exist')).rejects.toThrow(/answered 404/);
  });
});
