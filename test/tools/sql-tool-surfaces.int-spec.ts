import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { DATABASE_URL, startFakes, startGateway } from '../harness/gateway-harness';
import type { UsersSchema } from './support/tools-fixture';
import { auditOf, createKey, createUsersSchema, toolsYaml } from './support/tools-fixture';

jest.setTimeout(60_000);

const QUESTION = 'How many users are in the database?';
const COUNT_SQL = { sql: 'SELECT count(*) AS n FROM users' };

describe('gateway tools: the SQL tool through the Anthropic and Gemini SDKs (to their own providers)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let users: UsersSchema;
  let apiKey: string;
  let keyId: string;

  beforeAll(async () => {
    users = await createUsersSchema(23);
    fakes = await startFakes();
    gateway = await startGateway({
      yaml: toolsYaml(
        fakes,
        `  - { name: db, type: postgres, dsn: "${DATABASE_URL}", schemas: [${users.schema}] }\n`,
        ['db'],
      ),
    });
    const key = await createKey(gateway, { name: 'tools-surfaces' });
    apiKey = key.key;
    keyId = key.id;
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
    await users?.drop();
  });
  beforeEach(() => fakes.reset());

  /** The exact tool result text the gateway must have sent back to the model on its second request. */
  const countResult = () =>
    JSON.stringify({ rows: [{ n: String(users.count) }], row_count: 1, truncated: false });
  const sentResult = (body: unknown) =>
    JSON.stringify(body).includes(JSON.stringify(countResult()).slice(1, -1));

  describe('@anthropic-ai/sdk', () => {
    const client = () => new Anthropic({ baseURL: gateway.url, apiKey, maxRetries: 0 });
    const request = {
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user' as const, content: QUESTION }],
    };

    beforeEach(() =>
      fakes.anthropic.script(
        { toolCalls: [{ name: 'db_query', arguments: COUNT_SQL }] },
        { text: 'There are 23 users.', chunks: ['There are ', '23 users.'] },
      ),
    );

    it('plain: the answer carries the real count, the tool result went back as a tool_result block', async () => {
      const { data, response } = await client().messages.create(request).withResponse();
      expect(data.content).toEqual([expect.objectContaining({ type: 'text', text: 'There are 23 users.' })]);
      expect(data.stop_reason).toBe('end_turn');
      const second = fakes.anthropic.requests[1].body as {
        messages: { role: string; content: { type: string; tool_use_id?: string }[] }[];
      };
      expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      expect(second.messages[2].content[0].type).toBe('tool_result');
      expect(sentResult(second.messages[2])).toBe(true);
      const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
      expect(audit.call.key_id).toBe(keyId);
      expect(
        audit.steps
          .filter((s) => s.kind === 'tool')
          .map((s) => (s.details as { step: string }).step)
          .sort(),
      ).toEqual(['model_turn', 'tool_call']);
    });

    it('streamed: only the final answer streams', async () => {
      const stream = client().messages.stream(request);
      const blockTypes: string[] = [];
      stream.on('streamEvent', (e) => {
        if (e.type === 'content_block_start') blockTypes.push(e.content_block.type);
      });
      expect(await stream.finalText()).toBe('There are 23 users.');
      expect(blockTypes).toEqual(['text']);
      expect(sentResult(fakes.anthropic.requests[1].body)).toBe(true);
    });
  });

  describe('@google/genai', () => {
    const ai = () =>
      new GoogleGenAI({
        apiKey,
        httpOptions: {
          baseUrl: gateway.url,
          fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
        } as never,
      });

    beforeEach(() =>
      fakes.gemini.script(
        { toolCalls: [{ name: 'db_query', arguments: COUNT_SQL }] },
        { text: 'There are 23 users.', chunks: ['There are ', '23 users.'] },
      ),
    );

    it('plain: the answer carries the real count, the tool result went back as a functionResponse', async () => {
      const answer = await ai().models.generateContent({ model: 'gemini', contents: QUESTION });
      expect(answer.text).toBe('There are 23 users.');
      expect(answer.functionCalls).toBeUndefined();
      const second = fakes.gemini.requests[1].body as {
        contents: { role: string; parts: Record<string, unknown>[] }[];
      };
      expect(second.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
      // A JSON-object result goes to Gemini as the functionResponse object itself.
      expect(second.contents[2].parts[0]).toEqual({
        functionResponse: { name: 'db_query', response: JSON.parse(countResult()) },
      });
    });

    it('streamed: only the final answer streams', async () => {
      const stream = await ai().models.generateContentStream({ model: 'gemini', contents: QUESTION });
      let text = '';
      for await (const chunk of stream) {
        expect(chunk.functionCalls).toBeUndefined();
        text += chunk.text ?? '';
      }
      expect(text).toBe('There are 23 users.');
      const second = fakes.gemini.requests[1].body as { contents: { parts: Record<string, unknown>[] }[] };
      expect(second.contents[2].parts[0]).toEqual({
        functionResponse: { name: 'db_query', response: JSON.parse(countResult()) },
      });
    });
  });
});
