import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { GatewayTool, ToolOutput, ToolSource } from './gateway-tool';
import type { McpToolSourceConfig } from './tools-config';

interface McpContent {
  type: string;
  text?: string;
}

/**
 * An MCP server (streamable HTTP or stdio), connected on first use. Its tools are offered as
 * `<source>_<tool>`; a failed connection is retried on the next call that needs the source.
 */
export class McpToolSource implements ToolSource {
  readonly name: string;
  private connecting?: Promise<{ client: Client; tools: GatewayTool[] }>;

  constructor(private readonly config: McpToolSourceConfig) {
    this.name = config.name;
  }

  async tools(): Promise<GatewayTool[]> {
    this.connecting ??= this.connect();
    try {
      return (await this.connecting).tools;
    } catch (err) {
      this.connecting = undefined;
      throw err;
    }
  }

  async close(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    if (pending) await pending.then(({ client }) => client.close()).catch(() => undefined);
  }

  private async connect(): Promise<{ client: Client; tools: GatewayTool[] }> {
    const client = new Client({ name: 'verosek-gateway', version: '1.0.0' });
    const transport = this.config.url
      ? new StreamableHTTPClientTransport(new URL(this.config.url))
      : new StdioClientTransport({
          command: this.config.command!,
          args: this.config.args,
          env: this.config.env,
          stderr: 'ignore',
        });
    await client.connect(transport, { timeout: this.config.timeoutMs });
    const listed = await client.listTools(undefined, { timeout: this.config.timeoutMs });
    const tools = listed.tools.map((tool): GatewayTool => ({
      source: this.name,
      timeoutMs: this.config.timeoutMs,
      definition: {
        name: `${this.name}_${tool.name}`,
        description: tool.description,
        parameters: tool.inputSchema as Record<string, unknown>,
      },
      run: (args, signal) => this.call(client, tool.name, args, signal),
    }));
    return { client, tools };
  }

  private async call(
    client: Client,
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolOutput> {
    const result = await client.callTool({ name, arguments: args }, undefined, {
      signal,
      timeout: this.config.timeoutMs,
    });
    const content = (result.content as McpContent[] | undefined) ?? [];
    const text = content.map((c) => (c.type === 'text' ? (c.text ?? '') : `[${c.type} content]`)).join('\n');
    const structured = result.structuredContent === undefined ? '' : JSON.stringify(result.structuredContent);
    return { content: text || structured, isError: result.isError === true };
  }
}
