import type { ScriptedAnswer, StopReason } from './answer';
import { estimateTokens, quote, splitIntoFragments, splitIntoWords } from './text';

/** What the fake learned from the request it answers, in provider-neutral terms. */
export interface RequestFacts {
  /** Text of the last user turn ('' if none). */
  lastUserText: string;
  /** All prompt text, for the input token estimate. */
  promptText: string;
  model: string;
  body: unknown;
}

export interface CompletionToolCall {
  id: string;
  name: string;
  /** The arguments as sent on the wire (JSON text). */
  argumentsJson: string;
  /** Stream fragments of `argumentsJson`. */
  argumentChunks: string[];
}

export interface CompletionUsage {
  /** Prompt tokens, cached included. */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  cached: number;
  reasoning: number;
}

/** One model answer in neutral terms; each fake renders it in its wire format. */
export interface Completion {
  text: string;
  textChunks: string[];
  toolCalls: CompletionToolCall[];
  thinking?: { text: string; signature: string; chunks: string[] };
  stopReason: StopReason;
  usage: CompletionUsage;
}

export interface CompletionOptions {
  /** Provider name used in the default answer text. */
  provider: string;
  /** A fresh provider-style tool call id. */
  newToolCallId: () => string;
}

/** Turns a scripted answer (or none: the deterministic default) into a complete answer. */
export function buildCompletion(
  answer: ScriptedAnswer | undefined,
  facts: RequestFacts,
  options: CompletionOptions,
): Completion {
  const text = answerText(answer, facts, options.provider);
  const toolCalls = (answer?.toolCalls ?? []).map((call): CompletionToolCall => {
    const argumentsJson =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    return {
      id: call.id ?? options.newToolCallId(),
      name: call.name,
      argumentsJson,
      argumentChunks: splitIntoFragments(argumentsJson),
    };
  });
  const thinking = answer?.thinking && { ...answer.thinking, chunks: splitIntoWords(answer.thinking.text) };
  const reasoning = answer?.usage?.reasoning ?? (thinking ? estimateTokens(thinking.text) : 0);
  const visibleOutput =
    estimateTokens(text) + toolCalls.reduce((n, c) => n + estimateTokens(c.name + c.argumentsJson), 0);
  return {
    text,
    textChunks: answer?.chunks ?? splitIntoWords(text),
    toolCalls,
    thinking,
    stopReason: answer?.stopReason ?? (toolCalls.length > 0 ? 'tool_use' : 'end_turn'),
    usage: {
      input: answer?.usage?.input ?? Math.max(1, estimateTokens(facts.promptText)),
      output: answer?.usage?.output ?? Math.max(1, visibleOutput + reasoning),
      cached: answer?.usage?.cached ?? 0,
      reasoning,
    },
  };
}

function answerText(answer: ScriptedAnswer | undefined, facts: RequestFacts, provider: string): string {
  if (answer?.echoRequest) return JSON.stringify(facts.body);
  if (answer?.text !== undefined) return answer.text;
  if (answer?.chunks) return answer.chunks.join('');
  if (answer?.toolCalls?.length) return '';
  return defaultText(facts, provider);
}

/** The answer when nothing is scripted: deterministic, and quoting the user's last message. */
export function defaultText(facts: Pick<RequestFacts, 'lastUserText' | 'model'>, provider: string): string {
  const said = facts.lastUserText
    ? `You said: "${quote(facts.lastUserText)}".`
    : 'There was no user message.';
  return `Hello from the fake ${provider} model ${facts.model}. ${said} This is a deterministic test answer.`;
}

/** The arguments as an object, for formats that carry them parsed (Anthropic `input`, Gemini `args`). */
export function toolArgumentsObject(call: CompletionToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.argumentsJson);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(
    `tool call ${call.name}: this format carries arguments as a JSON object, got ${call.argumentsJson}`,
  );
}
