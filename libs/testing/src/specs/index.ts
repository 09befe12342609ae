export { anthropicSpec, type AnthropicSpec, type AnthropicStreamEventOptions } from './anthropic-spec';
export { geminiSpec, type GeminiSpec } from './gemini-spec';
export { openaiSpec, type OpenAISpec } from './openai-spec';
export type { OperationSchemas } from './openapi-document';
export { specPath, specsDir, readSpecJson } from './specs-dir';
export type { ValidationResult } from './validation';
