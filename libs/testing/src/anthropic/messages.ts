import type { ScriptedAnswer, StopReason } from '../fake/answer';
import { buildCompletion, toolArgumentsObject, type Completion } from '../fake/completion';
import { base58 } from '../fake/ids';
import { jsonReply, sseFrame, type Reply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { anthropicSpec } from '../specs/anthropic-spec';
import { anthropicErrorObject, anthropicHeaders } from './anthropic-errors';
import {
  checkMessagesRules,
  isBetaRequest,
  messagesFacts,
  type MessagesRequestBody,
} from './message-request';

const STOP_REASON: Record<StopReason, string> = {
  end_turn: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
  tool_use: 'tool_use',
  content_filter: 'refusal',
};

export const newAnthropicToolUseId = () => `toolu_01${base58(22)}`;

/** `POST /v1/messages` (and `?beta=true`), plain and streamed. */
export const messagesRoute: Route = {
  method: 'POST',
  path: /^\/v1\/messages$/,
  body: 'json',
  validate: (request) => {
    const schema = anthropicSpec.validateRequest(
      isBetaRequest(request) ? 'BetaCreateMessageParams' : 'CreateMessageParams',
      request.body,
    );
    return schema.valid ? checkMessagesRules(request.body as MessagesRequestBody) : schema;
  },
  model: (request) => (request.body as MessagesRequestBody).model,
  reply: (request, answer) => messagesReply(request, answer),
};

function messagesReply(request: FakeRequest, answer: ScriptedAnswer | undefined): Reply {
  const body = request.body as MessagesRequestBody;
  const completion = buildCompletion(answer, messagesFacts(body), {
    provider: 'Anthropic',
    newToolCallId: newAnthropicToolUseId,
  });
  const id = `msg_01${base58(22)}`;
  if (!body.stream) return jsonReply(200, messageBody(completion, id, body.model), anthropicHeaders());
  return {
    kind: 'stream',
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...anthropicHeaders(),
    },
    frames: messageStreamEvents(completion, id, body.model).map((event) =>
      sseFrame(event, event.type as string),
    ),
    errorFrame: (error) => sseFrame({ type: 'error', error: anthropicErrorObject(error) }, 'error'),
  };
}

export function messageBody(c: Completion, id: string, model: string): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (c.thinking)
    content.push({ type: 'thinking', thinking: c.thinking.text, signature: c.thinking.signature });
  if (c.text) content.push({ type: 'text', text: c.text });
  for (const call of c.toolCalls)
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: toolArgumentsObject(call) });
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: STOP_REASON[c.stopReason],
    stop_sequence: null,
    usage: { ...inputUsage(c), output_tokens: c.usage.output, service_tier: 'standard' },
  };
}

/**
 * The event sequence of a real stream: message_start, then per block content_block_start /
 * deltas / content_block_stop (a ping after the first start), message_delta with the final
 * usage, message_stop.
 */
export function messageStreamEvents(c: Completion, id: string, model: string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const startMessage = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  events.push({
    type: 'message_start',
    message: { ...startMessage, usage: { ...inputUsage(c), output_tokens: 1, service_tier: 'standard' } },
  });
  let index = 0;
  const block = (start: Record<string, unknown>, deltas: Record<string, unknown>[]) => {
    events.push({ type: 'content_block_start', index, content_block: start });
    if (index === 0) events.push({ type: 'ping' });
    for (const delta of deltas) events.push({ type: 'content_block_delta', index, delta });
    events.push({ type: 'content_block_stop', index });
    index++;
  };
  if (c.thinking) {
    block({ type: 'thinking', thinking: '', signature: '' }, [
      ...c.thinking.chunks.map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: c.thinking.signature },
    ]);
  }
  if (c.text)
    block(
      { type: 'text', text: '' },
      c.textChunks.map((text) => ({ type: 'text_delta', text })),
    );
  for (const call of c.toolCalls) {
    block({ type: 'tool_use', id: call.id, name: call.name, input: {} }, [
      { type: 'input_json_delta', partial_json: '' },
      ...call.argumentChunks.map((partial_json) => ({ type: 'input_json_delta', partial_json })),
    ]);
  }
  events.push({
    type: 'message_delta',
    delta: { stop_reason: STOP_REASON[c.stopReason], stop_sequence: null },
    usage: { ...inputUsage(c), output_tokens: c.usage.output },
  });
  events.push({ type: 'message_stop' });
  return events;
}

/** Anthropic counts cache reads apart from `input_tokens`. */
function inputUsage(c: Completion): Record<string, unknown> {
  return {
    input_tokens: Math.max(0, c.usage.input - c.usage.cached),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: c.usage.cached,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  };
}
