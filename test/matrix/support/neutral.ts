import type { ScriptedAnswer, StopReason } from '@verosek/testing';

/**
 * The matrix speaks one neutral language: a feature is written once as an `Ask` (what the caller
 * wants), each SDK driver says it in its SDK's words, each provider reads what reached its fake
 * back into an `UpstreamView`, and each driver reduces what its SDK returned to an `Answer`.
 */

export type ImageInput =
  { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string; mediaType: string };

export type AskPart = { text: string } | { image: ImageInput };

export interface AskToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export type AskMessage =
  | { role: 'user'; parts: AskPart[] }
  | {
      role: 'assistant';
      text?: string;
      toolCalls?: AskToolCall[];
      thinking?: { text: string; signature: string };
    }
  | { role: 'tool'; results: Array<{ id: string; name: string; content: string }> };

export interface AskTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export type AskToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface Ask {
  system?: string;
  /** OpenAI only: send the system prompt as a `developer` message. */
  asDeveloper?: boolean;
  messages: AskMessage[];
  tools?: AskTool[];
  toolChoice?: AskToolChoice;
  responseFormat?: { type: 'json' } | { type: 'schema'; name: string; schema: Record<string, unknown> };
  stop?: string[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  /** Said as an effort where the SDK speaks efforts, as a budget where it speaks budgets. */
  reasoning?: { effort: 'low' | 'medium' | 'high'; budgetTokens: number };
}

/** What reached the provider, read back from its wire body into neutral terms. */
export interface UpstreamTurn {
  role: 'user' | 'assistant' | 'tool';
  texts: string[];
  images: ImageInput[];
  toolCalls: Array<{ name: string; args: unknown; id?: string }>;
  /** Tool results, parsed (the matrix sends JSON-object results, which every provider can carry). */
  toolResults: Array<{ content: unknown; id?: string; name?: string }>;
  thinking: Array<{ text: string; signature?: string }>;
}

export interface UpstreamView {
  system: string[];
  turns: UpstreamTurn[];
  tools: string[];
  toolChoice?: AskToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: { type: 'json' } | { type: 'schema'; schema: unknown };
  stop?: string[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  reasoning?: { effort?: string; budgetTokens?: number };
}

/** Usage as the caller's SDK showed it, in neutral terms (missing counts are 0). */
export interface NeutralUsage {
  /** All prompt tokens, cached included. */
  input: number;
  /** All output tokens, reasoning included. */
  output: number;
  cached: number;
  reasoning: number;
}

/** What the caller's SDK returned, reduced. */
export interface Answer {
  text: string;
  thinking: Array<{ text: string; signature?: string }>;
  toolCalls: Array<{ id: string; name: string; args: unknown }>;
  /** The stop reason exactly as the SDK gives it (`stop`, `end_turn`, `STOP`...). */
  stop: string | null | undefined;
  usage: NeutralUsage;
  /** Streams: how many argument fragments each tool call arrived in. */
  argumentFragments: number[];
}

export type { ScriptedAnswer, StopReason };
