import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/** A tool the fake MCP server offers; `answer` returning `'hang'` never answers (until the caller gives up). */
export interface FakeMcpTool {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties?: Record<string, unknown>; required?: string[] };
  answer(args: Record<string, unknown>): string | 'hang';
}

export interface FakeMcpCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface FakeMcpServer {
  /** The streamable HTTP endpoint, http://127.0.0.1:<port>/mcp */
  url: string;
  /** Every tools/call received, in order. */
  calls: FakeMcpCall[];
  close(): Promise<void>;
}

/** The default tools: a ticket lookup and a tool that never answers. */
export const FAKE_MCP_TOOLS: FakeMcpTool[] = [
  {
    name: 'lookup_ticket',
    description: 'Looks up a support ticket by id.',
    inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    answer: (args) => `Ticket ${String(args.id)}: printer on fire, status open, owner Dana`,
  },
  {
    name: 'hang',
    description: 'Never answers.',
    inputSchema: { type: 'object', properties: {} },
    answer: () => 'hang',
  },
];

/** An MCP server over the given tools, recording calls; its transport is the caller's choice. */
export function createFakeMcpServer(tools: FakeMcpTool[], calls: FakeMcpCall[]): Server {
  const server = new Server({ name: 'verosek-fake-mcp', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    calls.push({ name: request.params.name, arguments: args });
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool)
      return { content: [{ type: 'text', text: `unknown tool ${request.params.name}` }], isError: true };
    const text = tool.answer(args);
    if (text === 'hang') {
      await new Promise<void>((resolve) =>
        extra.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
    }
    return { content: [{ type: 'text', text }] };
  });
  return server;
}

/** Starts a stateless streamable-HTTP MCP server on a random loopback port. */
export async function startFakeMcpServer(tools: FakeMcpTool[] = FAKE_MCP_TOOLS): Promise<FakeMcpServer> {
  const calls: FakeMcpCall[] = [];
  const http = createServer((req, res) => {
    if (req.url !== '/mcp') {
      res.writeHead(404).end();
      return;
    }
    const server = createFakeMcpServer(tools, calls);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => res.headersSent || res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
