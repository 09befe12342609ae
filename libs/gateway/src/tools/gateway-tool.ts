import type { ToolDefinition } from '@verosek/protocol';

/** What a tool run produced, as text for the model. */
export interface ToolOutput {
  content: string;
  isError: boolean;
}

/** One tool the gateway runs itself; `definition.name` is what the model sees (`<source>_<tool>`). */
export interface GatewayTool {
  /** The source (config `tools[].name`), the unit of the model and key allow-lists. */
  source: string;
  definition: ToolDefinition;
  timeoutMs: number;
  run(args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutput>;
}

/** A configured source of tools (a database, an MCP server). */
export interface ToolSource {
  readonly name: string;
  /** The source's tools; may connect on first use. */
  tools(): Promise<GatewayTool[]>;
  close(): Promise<void>;
}
