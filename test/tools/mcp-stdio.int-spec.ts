import OpenAI from 'openai';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, toolsYaml } from './support/tools-fixture';

/**
 * A real MCP server over stdio, as `command` + `args` sources start them: a node process running the
 * official SDK's server with one tool. It resolves the SDK from the gateway's working directory.
 */
const STDIO_SERVER = [
  "const { Server } = require('@modelcontextprotocol/sdk/server/index.js');",
  "const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');",
  "const { CallToolRequestSchema, ListToolsRequestSchema } = require('@modelcontextprotocol/sdk/types.js');",
  "const server = new Server({ name: 'stdio-fake', version: '1.0.0' }, { capabilities: { tools: {} } });",
  "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'shout', description: 'Upper-cases text',",
  "  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }] }));",
  'server.setRequestHandler(CallToolRequestSchema, async (r) => ({',
  "  content: [{ type: 'text', text: String(r.params.arguments.text).toUpperCase() + ' (pid ' + process.pid + ')' }] }));",
  'server.connect(new StdioServerTransport());',
].join(' ');

describe('gateway tools: an MCP server over stdio', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fakes = await startFakes();
    const source = `  - { name: loud, type: mcp, command: node, args: ["-e", ${JSON.stringify(STDIO_SERVER)}], timeout_ms: 10000 }\n`;
    gateway = await startGateway({ yaml: toolsYaml(fakes, source, ['loud']) });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });

  it('starts the server, offers its tool, runs it in the child process and answers', async () => {
    fakes.openai.script(
      { toolCalls: [{ name: 'loud_shout', arguments: { text: 'hello there' } }] },
      { text: 'It said HELLO THERE.' },
    );
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Shout hello there' }] })
      .withResponse();

    expect(data.choices[0].message.content).toBe('It said HELLO THERE.');
    const first = fakes.openai.requests[0].body as { tools: { function: { name: string } }[] };
    expect(first.tools.map((t) => t.function.name)).toEqual(['loud_shout']);
    const second = fakes.openai.requests[1].body as { messages: { role: string; content?: unknown }[] };
    const toolResult = second.messages.find((m) => m.role === 'tool');
    expect(toolResult?.content).toMatch(/^HELLO THERE \(pid \d+\)$/);
    expect(toolResult?.content).not.toContain(`(pid ${process.pid})`);

    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    const run = audit.steps.find(
      (s) => s.kind === 'tool' && (s.details as { step: string }).step === 'tool_call',
    );
    expect(run?.details).toMatchObject({ name: 'loud_shout', source: 'loud', status: 'ok' });
  });
});
