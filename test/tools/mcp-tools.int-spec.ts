import OpenAI from 'openai';
import type { FakeMcpServer } from '@verosek/testing';
import { startFakeMcpServer } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { DATABASE_URL, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, createKey, toolsYaml } from './support/tools-fixture';

jest.setTimeout(60_000);

type SentBody = {
  tools?: { function: { name: string } }[];
  messages: { role: string; content?: unknown; tool_call_id?: string }[];
};

describe('gateway tools: an MCP server over streamable HTTP', () => {
  let fakes: Fakes;
  let mcp: FakeMcpServer;
  let gateway: RunningGateway;
  let ticketsOnly: OpenAI;
  let dbOnly: OpenAI;
  let ticketsKeyId: string;

  beforeAll(async () => {
    fakes = await startFakes();
    mcp = await startFakeMcpServer();
    const sources = [
      `  - { name: tickets, type: mcp, url: "${mcp.url}", timeout_ms: 400 }`,
      `  - { name: db, type: postgres, dsn: "${DATABASE_URL}", schemas: [public] }`,
    ].join('\n');
    gateway = await startGateway({ yaml: toolsYaml(fakes, `${sources}\n`, ['tickets', 'db']) });
    const tickets = await createKey(gateway, { name: 'tickets-only', tools: ['tickets'] });
    const db = await createKey(gateway, { name: 'db-only', tools: ['db'] });
    ticketsKeyId = tickets.id;
    ticketsOnly = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: tickets.key, maxRetries: 0 });
    dbOnly = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: db.key, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await mcp?.close();
    await fakes?.close();
  });
  beforeEach(() => {
    fakes.reset();
    mcp.calls.length = 0;
  });

  const ask = (client: OpenAI, content: string) =>
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] }).withResponse();
  const sent = (i: number) => fakes.openai.requests[i].body as SentBody;

  it('offers the MCP tools, runs the one the model calls on the server, and answers', async () => {
    fakes.openai.script(
      { toolCalls: [{ name: 'tickets_lookup_ticket', arguments: { id: 'T-42' } }] },
      { text: 'Ticket T-42 is open; Dana owns it.' },
    );
    const { data, response } = await ask(ticketsOnly, 'Who owns ticket T-42?');
    expect(data.choices[0].message.content).toBe('Ticket T-42 is open; Dana owns it.');
    expect(mcp.calls).toEqual([{ name: 'lookup_ticket', arguments: { id: 'T-42' } }]);
    expect(sent(1).messages[2]).toMatchObject({
      role: 'tool',
      content: 'Ticket T-42: printer on fire, status open, owner Dana',
    });
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    const run = audit.steps.find(
      (s) => s.kind === 'tool' && (s.details as { step: string }).step === 'tool_call',
    )!;
    expect(run.key_id).toBe(ticketsKeyId);
    expect(run.details).toMatchObject({
      name: 'tickets_lookup_ticket',
      source: 'tickets',
      status: 'ok',
      arguments: '{"id":"T-42"}',
    });
  });

  it('never offers a tool the key may not use', async () => {
    fakes.openai.script({ text: 'hello' }, { text: 'hello' });
    await ask(ticketsOnly, 'hi');
    await ask(dbOnly, 'hi');
    expect(sent(0).tools?.map((t) => t.function.name)).toEqual(['tickets_lookup_ticket', 'tickets_hang']);
    expect(sent(1).tools?.map((t) => t.function.name)).toEqual(['db_query', 'db_list_tables']);
  });

  it('does not run a tool the key may not use, even when the model names it', async () => {
    fakes.openai.script({ toolCalls: [{ name: 'db_query', arguments: { sql: 'SELECT 1' } }] });
    const { data } = await ask(ticketsOnly, 'sneaky');
    // Not a gateway tool for this key: the call goes back to the client as the model made it.
    expect(data.choices[0].finish_reason).toBe('tool_calls');
    expect(fakes.openai.requests).toHaveLength(1);
  });

  it('ends a hanging tool at its timeout; the error goes to the model, which answers', async () => {
    fakes.openai.script(
      {
        toolCalls: [
          { name: 'tickets_hang', arguments: {} },
          { name: 'tickets_lookup_ticket', arguments: { id: 'T-7' } },
        ],
      },
      { text: 'The lookup worked; the other tool timed out.' },
    );
    const { data, response } = await ask(ticketsOnly, 'Run both');
    expect(data.choices[0].message.content).toBe('The lookup worked; the other tool timed out.');
    const results = sent(1)
      .messages.filter((m) => m.role === 'tool')
      .map((m) => m.content);
    expect(results).toEqual([
      'error: tool timed out after 400 ms',
      'Ticket T-7: printer on fire, status open, owner Dana',
    ]);
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    const statuses = audit.steps
      .filter((s) => s.kind === 'tool' && (s.details as { step: string }).step === 'tool_call')
      .map((s) => [
        (s.details as { name: string }).name,
        (s.details as { status: string }).status,
        s.error_class,
      ]);
    expect(statuses.sort()).toEqual([
      ['tickets_hang', 'timeout', 'tool_timeout'],
      ['tickets_lookup_ticket', 'ok', null],
    ]);
  });
});
