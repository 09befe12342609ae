/** What the pipeline hands back to the transport edge to write. */
export type GatewayOutcome =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'stream'; status: number; headers: Record<string, string>; chunks: AsyncGenerator<string> };
