/**
 * The canonical model: the union every wire format's codec meets in (DESIGN §3).
 * Codecs decode a wire request into CanonicalRequest and encode CanonicalResponse /
 * CanonicalStreamEvent back into a wire format. N formats + M providers, never N x M.
 */

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export type ImageSource =
  | { kind: 'base64'; mediaType: string; data: string }
  /** `mediaType` is known for provider-side file references (Gemini `fileData`), which need no fetching. */
  | { kind: 'url'; url: string; mediaType?: string };

export type ContentPart =
  /**
   * `refusal`: the model declined (OpenAI `refusal`); `signature`: an opaque signature the provider
   * attached to this text (Gemini `thoughtSignature` on a text part), echoed back in later turns.
   */
  | { type: 'text'; text: string; refusal?: boolean; signature?: string }
  | { type: 'image'; source: ImageSource; detail?: string }
  | { type: 'audio'; mediaType: string; data: string }
  | { type: 'file'; mediaType: string; data?: string; url?: string; name?: string }
  /** A call the assistant made. `arguments` is the JSON text exactly as the model produced it. */
  | { type: 'tool_call'; id: string; name: string; arguments: string; signature?: string }
  /** The result of a tool call, sent back by the client. */
  | { type: 'tool_result'; toolCallId: string; name?: string; content: ToolResultContent; isError?: boolean }
  /**
   * Reasoning the model showed (Anthropic thinking, Gemini thought parts). For redacted thinking
   * (Anthropic `redacted_thinking`) `text` is empty and `signature` holds the opaque `data`.
   */
  | { type: 'thinking'; text: string; signature?: string; redacted?: boolean };

export type ToolResultContent = string | Array<Extract<ContentPart, { type: 'text' } | { type: 'image' }>>;

export interface CanonicalMessage {
  role: Role;
  content: ContentPart[];
  /** Optional participant name (OpenAI `name`). */
  name?: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice =
  { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ReasoningConfig {
  /** OpenAI-style effort; codecs map to/from token budgets. */
  effort?: ReasoningEffort;
  /** Anthropic `budget_tokens` / Gemini `thinkingBudget`. */
  budgetTokens?: number;
  /** Gemini `includeThoughts`; Anthropic thinking blocks are always returned when enabled. */
  includeThoughts?: boolean;
  enabled: boolean;
}

export interface CanonicalRequest {
  /** The model group the client asked for (what it sent as `model`). */
  model: string;
  /** System instructions, in order (OpenAI system/developer messages, Anthropic `system`, Gemini `systemInstruction`). */
  system: ContentPart[];
  messages: CanonicalMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stop?: string[];
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  /** Number of choices; only 1 is translatable across providers. */
  n?: number;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`; other formats always carry usage. */
  includeUsage?: boolean;
  /** End-user id for abuse tracking (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /**
   * Wire fields with no canonical home, keyed by the format they came from:
   * `{ 'openai-chat': { logprobs: true } }`. Encoded back only into that same format; encoding into
   * another format fails naming the field, unless the field is advisory (see protocol `extras.ts`).
   */
  extra?: Record<string, unknown>;
}

export type StopReason =
  'stop' | 'length' | 'tool_calls' | 'content_filter' | 'stop_sequence' | 'refusal' | 'error';

export interface Usage {
  /** All prompt tokens, including those read from or written to the prompt cache (OpenAI / Gemini counting). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic cache_creation_input_tokens). */
  cacheWriteInputTokens?: number;
  /** Output tokens spent on reasoning (part of outputTokens). */
  reasoningTokens?: number;
}

export interface CanonicalResponse {
  id: string;
  /** The provider's model id that answered. */
  model: string;
  created: number;
  /** Assistant content: text, tool_call and thinking parts in the order produced. */
  content: ContentPart[];
  stopReason: StopReason;
  /** The provider's own stop reason string, kept for audit and passthrough. */
  rawStopReason?: string;
  /** For stop_sequence: which sequence matched, where the provider says. */
  stopSequence?: string;
  usage: Usage;
}

/**
 * Stream events, modelled on the Vercel AI SDK provider spec: a start, per-block start / delta / end,
 * then a finish carrying the unified and raw stop reason and the usage. `index` numbers the content
 * blocks of the response in the order they appear (0, 1, 2...).
 */
export type CanonicalStreamEvent =
  | { type: 'start'; id: string; model: string; created: number }
  | { type: 'text-start'; index: number; refusal?: boolean }
  /** `signature`: Gemini `thoughtSignature` riding on a text part (`text` may then be ''). */
  | { type: 'text-delta'; index: number; text: string; signature?: string }
  | { type: 'thinking-start'; index: number; redacted?: boolean }
  | { type: 'thinking-delta'; index: number; text: string }
  | { type: 'thinking-signature'; index: number; signature: string }
  /** `signature`: Gemini `thoughtSignature` of a function call. */
  | { type: 'tool-call-start'; index: number; id: string; name: string; signature?: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'block-end'; index: number }
  /** Usage as known so far; may arrive several times, the last wins. */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; stopReason: StopReason; rawStopReason?: string; stopSequence?: string; usage: Usage }
  | { type: 'error'; error: GatewayErrorInfo };

/** A classified error, encodable into any wire format's error body. */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'budget_exceeded'
  | 'api_error'
  | 'overloaded'
  | 'unavailable'
  | 'timeout';

export interface GatewayErrorInfo {
  kind: ErrorKind;
  status: number;
  message: string;
  /** Machine-readable code (e.g. `shield_blocked`, `key_expired`, `budget_exceeded`, `model_not_found`). */
  code?: string;
  /** The offending request field, when there is one. */
  param?: string;
  /** Seconds the caller should wait before retrying. */
  retryAfterSeconds?: number;
}
