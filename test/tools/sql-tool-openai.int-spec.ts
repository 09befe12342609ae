import OpenAI from 'openai';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { DATABASE_URL, startFakes, startGateway } from '../harness/gateway-harness';
import type { UsersSchema } from './support/tools-fixture';
import { auditOf, createKey, createUsersSchema, toolsYaml } from './support/tools-fixture';

jest.setTimeout(60_000);

type SentMessage = {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
};

describe('gateway tools: the built-in SQL tool through the openai SDK', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let users: UsersSchema;
  let client: OpenAI;
  let keyId: string;

  beforeAll(async () => {
    users = await createUsersSchema(37);
    fakes = await startFakes();
    const dsn = DATABASE_URL;
    gateway = await startGateway({
      yaml: toolsYaml(
        fakes,
        `  - { name: db, type: postgres, dsn: "${dsn}", schemas: [${users.schema}], row_limit: 5 }\n`,
        ['db'],
      ),
    });
    const key = await createKey(gateway, { name: 'tools-user' });
    keyId = key.id;
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key.key, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
    await users?.drop();
  });
  beforeEach(() => fakes.reset());

  const question = {
    model: 'gpt-4o',
    messages: [{ role: 'user' as const, content: 'How many users are in the database?' }],
  };

  function toolMessages(requestIndex: number): SentMessage[] {
    const body = fakes.openai.requests[requestIndex].body as { messages: SentMessage[] };
    return body.messages;
  }

  it('runs the SQL the model asked for and answers with the real count; audit shows every step under the key', async () => {
    fakes.openai.script(
      {
        toolCalls: [{ name: 'db_query', arguments: { sql: 'SELECT count(*) AS n FROM users' } }],
        usage: { input: 50, output: 10 },
      },
      { text: 'There are 37 users.', usage: { input: 80, output: 6 } },
    );
    const { data, response } = await client.chat.completions.create(question).withResponse();

    expect(data.choices[0].message.content).toBe('There are 37 users.');
    expect(fakes.openai.requests).toHaveLength(2);
    const offered = (fakes.openai.requests[0].body as { tools: { function: { name: string } }[] }).tools.map(
      (t) => t.function.name,
    );
    expect(offered).toEqual(['db_query', 'db_list_tables']);

    const second = toolMessages(1);
    expect(second.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second[1].tool_calls?.[0].function.name).toBe('db_query');
    expect(second[2].tool_call_id).toBe(second[1].tool_calls?.[0].id);
    expect(JSON.parse(second[2].content as string)).toEqual({
      rows: [{ n: String(users.count) }],
      row_count: 1,
      truncated: false,
    });

    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit.call).toMatchObject({ key_id: keyId, status: 200, input_tokens: 130, output_tokens: 16 });
    const toolSteps = audit.steps.filter((s) => s.kind === 'tool');
    expect(toolSteps.map((s) => (s.details as { step: string }).step).sort()).toEqual([
      'model_turn',
      'tool_call',
    ]);
    for (const step of audit.steps) expect(step.key_id).toBe(keyId);
    const run = toolSteps.find((s) => (s.details as { step: string }).step === 'tool_call')!;
    expect(run.details).toMatchObject({
      name: 'db_query',
      source: 'db',
      arguments: JSON.stringify({ sql: 'SELECT count(*) AS n FROM users' }),
      status: 'ok',
      turn: 1,
    });
    expect((run.details as { result_chars: number }).result_chars).toBe((second[2].content as string).length);
    expect(audit.steps.filter((s) => s.kind === 'attempt')).toHaveLength(2);
  });

  it('streams the final answer after an internal turn, nothing of the tool turn reaching the client', async () => {
    fakes.openai.script(
      { toolCalls: [{ name: 'db_query', arguments: { sql: 'SELECT count(*) AS n FROM users' } }] },
      { text: 'There are 37 users.', chunks: ['There are ', '37', ' users.'] },
    );
    const stream = await client.chat.completions.create({ ...question, stream: true });
    const deltas: string[] = [];
    let toolDeltas = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta?.content) deltas.push(choice.delta.content);
      if (choice?.delta?.tool_calls) toolDeltas++;
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    // The stream Shield may re-cut the chunks; the text arrives whole, in more than one delta.
    expect(deltas.join('')).toBe('There are 37 users.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(toolDeltas).toBe(0);
    expect(finish).toBe('stop');
    expect(JSON.parse(toolMessages(1)[2].content as string).rows).toEqual([{ n: String(users.count) }]);
  });

  it('keeps the SQL read-only, within its schemas and row limit', async () => {
    fakes.openai.script(
      {
        toolCalls: [
          { name: 'db_query', arguments: { sql: 'DELETE FROM users' } },
          { name: 'db_query', arguments: { sql: "SELECT nextval('users_id_seq')" } },
          { name: 'db_query', arguments: { sql: 'SELECT * FROM pg_catalog.pg_authid' } },
          { name: 'db_query', arguments: { sql: 'SELECT id FROM users ORDER BY id' } },
          { name: 'db_query', arguments: { sql: 'SELECT 1; DROP TABLE users' } },
        ],
      },
      { text: 'done' },
    );
    await client.chat.completions.create(question);
    const results = toolMessages(1)
      .filter((m) => m.role === 'tool')
      .map((m) => m.content as string);
    expect(results[0]).toMatch(/^error: /);
    expect(results[1]).toMatch(/^error: .*read-only transaction/);
    expect(results[2]).toMatch(/^error: schema pg_catalog is not allowed/);
    expect(JSON.parse(results[3])).toEqual({
      rows: [1, 2, 3, 4, 5].map((id) => ({ id })),
      row_count: 5,
      truncated: true,
    });
    expect(results[4]).toMatch(/^error: /);
    // The table is still whole.
    fakes.openai.script(
      { toolCalls: [{ name: 'db_query', arguments: { sql: 'SELECT count(*) AS n FROM users' } }] },
      { text: 'ok' },
    );
    await client.chat.completions.create(question);
    expect(JSON.parse(toolMessages(3)[2].content as string).rows).toEqual([{ n: String(users.count) }]);
  });

  it('passes a call to a tool the client owns back to the client', async () => {
    fakes.openai.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const answer = await client.chat.completions.create({
      ...question,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    expect(answer.choices[0].finish_reason).toBe('tool_calls');
    expect(answer.choices[0].message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather' } });
    expect(fakes.openai.requests).toHaveLength(1);
    const offered = (fakes.openai.requests[0].body as { tools: { function: { name: string } }[] }).tools.map(
      (t) => t.function.name,
    );
    expect(offered).toEqual(['get_weather', 'db_query', 'db_list_tables']);
  });

  it('ends a model that keeps calling tools at the depth limit with a clear error', async () => {
    const again = { toolCalls: [{ name: 'db_list_tables', arguments: {} }] };
    fakes.openai.script(...Array.from({ length: 11 }, () => again));
    const err = await client.chat.completions.create(question).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toContain('depth limit (10 rounds)');
    expect(fakes.openai.requests).toHaveLength(11);
  });
});
