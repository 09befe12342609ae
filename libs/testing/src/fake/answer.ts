/** Why an answer ended, in the fakes' own neutral terms; each fake maps it to its wire value. */
export type StopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'content_filter';

export interface ScriptedToolCall {
  name: string;
  /** An object, or a JSON string sent as is (to script malformed arguments). */
  arguments: Record<string, unknown> | string;
  /** Provider-style id by default (call_..., toolu_...). */
  id?: string;
}

export interface ScriptedError {
  /** HTTP status: 400, 401, 429, 500, 503, 529... */
  status: number;
  /** The provider's error type (OpenAI `type`, Anthropic `error.type`, Gemini `status`); a default per status otherwise. */
  type?: string;
  /** OpenAI `code` (e.g. `rate_limit_exceeded`); null for none. */
  code?: string | null;
  message?: string;
  /** Seconds: a `retry-after` header (OpenAI, Anthropic) or a RetryInfo detail (Gemini). */
  retryAfter?: number;
}

/**
 * - `reset`: destroy the connection before answering.
 * - `stall`: accept the request and never answer.
 * - `stall-mid-stream` / `reset-mid-stream`: send `faultAfterChunks` stream events (or half of a
 *   JSON body), then hang / destroy the connection.
 * - `error-mid-stream`: send `faultAfterChunks` events, then the provider's in-stream error
 *   (from `error`, else a 500-class one) and end the stream.
 */
export type Fault = 'reset' | 'stall' | 'stall-mid-stream' | 'reset-mid-stream' | 'error-mid-stream';

export interface ScriptedUsage {
  /** Prompt tokens, cached ones included. */
  input?: number;
  /** Output tokens, reasoning ones included. */
  output?: number;
  cached?: number;
  reasoning?: number;
}

/** One answer a test queues on a fake. Everything left out is made up realistically. */
export interface ScriptedAnswer {
  /** Only for requests to this model id; otherwise for any. */
  model?: string;
  text?: string;
  toolCalls?: ScriptedToolCall[];
  thinking?: { text: string; signature: string };
  stopReason?: StopReason;
  usage?: ScriptedUsage;
  /** How `text` is split across stream deltas (joined, they must equal `text` when both are given). */
  chunks?: string[];
  /** Answer with this error instead (with `fault: 'error-mid-stream'`: the in-stream error). */
  error?: ScriptedError;
  fault?: Fault;
  /** Events sent before a mid-stream fault; default 2. */
  faultAfterChunks?: number;
  /** Delay before the first byte, overriding the fake's latency. */
  latencyMs?: number;
  /** Answer with the request body (JSON) as the text. */
  echoRequest?: boolean;
}

/** A failure for fault plans and fail rates: an error or a fault. */
export type ScriptedFailure = Pick<ScriptedAnswer, 'error' | 'fault' | 'faultAfterChunks' | 'latencyMs'>;

export type MidStreamFault = Extract<Fault, `${string}-mid-stream`>;

export function isMidStreamFault(fault: Fault | undefined): fault is MidStreamFault {
  return fault === 'stall-mid-stream' || fault === 'reset-mid-stream' || fault === 'error-mid-stream';
}

/** Throws on a self-contradicting answer, naming the field, when a test scripts it. */
export function checkScriptedAnswer(answer: ScriptedAnswer): void {
  if (answer.chunks && answer.text !== undefined && answer.chunks.join('') !== answer.text) {
    throw new Error('scripted answer: chunks joined must equal text');
  }
  if (answer.error && (!Number.isInteger(answer.error.status) || answer.error.status < 400)) {
    throw new Error(`scripted answer: error.status must be an HTTP error status, got ${answer.error.status}`);
  }
  if (
    answer.faultAfterChunks !== undefined &&
    !(Number.isInteger(answer.faultAfterChunks) && answer.faultAfterChunks >= 0)
  ) {
    throw new Error('scripted answer: faultAfterChunks must be a non-negative integer');
  }
  for (const [i, call] of (answer.toolCalls ?? []).entries()) {
    if (!call.name) throw new Error(`scripted answer: toolCalls[${i}].name is required`);
  }
}
