// Faithful fake upstream providers and the spec validators they (and surface tests) use.
// Test code only: nothing in apps/ or the gateway's libs may import this.
export * from './specs';
export { parseSse, type SseEvent } from './sse/parse-sse';
export type {
  Fault,
  ScriptedAnswer,
  ScriptedError,
  ScriptedFailure,
  ScriptedToolCall,
  ScriptedUsage,
  StopReason,
} from './fake/answer';
export type { FakeServer, FakeServerOptions } from './fake/fake-server';
export type { RecordedRequest } from './fake/request';
export { startFakeOpenAI, FAKE_OPENAI_API_KEY, type FakeOpenAIOptions } from './openai/fake-openai';
export {
  startFakeAnthropic,
  FAKE_ANTHROPIC_API_KEY,
  type FakeAnthropicOptions,
} from './anthropic/fake-anthropic';
export { startFakeGemini, FAKE_GEMINI_API_KEY, type FakeGeminiOptions } from './gemini/fake-gemini';
export {
  startFakeMcpServer,
  createFakeMcpServer,
  FAKE_MCP_TOOLS,
  type FakeMcpServer,
  type FakeMcpTool,
  type FakeMcpCall,
} from './mcp/fake-mcp-server';
