import type { ScriptedAnswer, StopReason } from '../fake/answer';
import { buildCompletion, type Completion } from '../fake/completion';
import { hex, randomChars, unixSeconds } from '../fake/ids';
import { jsonReply, sseFrame, type Reply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { openaiSpec } from '../specs/openai-spec';
import { chatFacts, checkChatRules, type ChatRequestBody } from './chat-request';
import { openaiErrorObject, openaiHeaders } from './openai-errors';

const FINISH_REASON: Record<StopReason, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
};

export const newOpenAIToolCallId = () => `call_${randomChars(24)}`;

/** `POST /v1/chat/completions`, plain and streamed (with the final usage chunk on `include_usage`). */
export const chatCompletionsRoute: Route = {
  method: 'POST',
  path: /^\/v1\/chat\/completions$/,
  body: 'json',
  validate: (request) => {
    const schema = openaiSpec.validateRequest('CreateChatCompletionRequest', request.body);
    return schema.valid ? checkChatRules(request.body as ChatRequestBody) : schema;
  },
  model: (request) => (request.body as ChatRequestBody).model,
  reply: (request, answer) => chatCompletionReply(request, answer),
};

function chatCompletionReply(request: FakeRequest, answer: ScriptedAnswer | undefined): Reply {
  const body = request.body as ChatRequestBody;
  const completion = buildCompletion(answer, chatFacts(body), {
    provider: 'OpenAI',
    newToolCallId: newOpenAIToolCallId,
  });
  const meta = {
    id: `chatcmpl-${randomChars(29)}`,
    created: unixSeconds(),
    model: body.model,
    choices: body.n ?? 1,
  };
  if (!body.stream) return jsonReply(200, chatCompletionBody(completion, meta), openaiHeaders());
  const includeUsage = body.stream_options?.include_usage === true;
  return {
    kind: 'stream',
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...openaiHeaders(),
    },
    frames: chatCompletionChunks(completion, meta, includeUsage).map((chunk) => sseFrame(chunk)),
    trailer: sseFrame('[DONE]'),
    errorFrame: (error) => sseFrame({ error: openaiErrorObject(error) }),
  };
}

interface ChatMeta {
  id: string;
  created: number;
  model: string;
  choices: number;
}

const SYSTEM_FINGERPRINT = `fp_${hex(10)}`;

export function chatCompletionBody(c: Completion, meta: ChatMeta): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: c.text || null,
    refusal: null,
    annotations: [],
  };
  if (c.toolCalls.length > 0) {
    message.tool_calls = c.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
  }
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: range(meta.choices).map((index) => ({
      index,
      message,
      logprobs: null,
      finish_reason: FINISH_REASON[c.stopReason],
    })),
    usage: chatUsage(c),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** Chunks as the API sends them: role first, content deltas, tool-call deltas, finish, then usage. */
export function chatCompletionChunks(
  c: Completion,
  meta: ChatMeta,
  includeUsage: boolean,
): Record<string, unknown>[] {
  const chunk = (choices: unknown[]) => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(includeUsage && { usage: null }),
  });
  const delta = (index: number, d: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index, delta: d, logprobs: null, finish_reason: finish }]);
  const chunks: Record<string, unknown>[] = [];
  for (const index of range(meta.choices)) {
    chunks.push(delta(index, { role: 'assistant', content: c.text ? '' : null, refusal: null }));
    for (const piece of c.textChunks) chunks.push(delta(index, { content: piece }));
    for (const [callIndex, call] of c.toolCalls.entries()) {
      const opening = {
        index: callIndex,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: '' },
      };
      chunks.push(delta(index, { tool_calls: [opening] }));
      for (const fragment of call.argumentChunks) {
        chunks.push(delta(index, { tool_calls: [{ index: callIndex, function: { arguments: fragment } }] }));
      }
    }
    chunks.push(delta(index, {}, FINISH_REASON[c.stopReason]));
  }
  if (includeUsage) chunks.push({ ...chunk([]), usage: chatUsage(c) });
  return chunks;
}

function chatUsage(c: Completion): Record<string, unknown> {
  return {
    prompt_tokens: c.usage.input,
    completion_tokens: c.usage.output,
    total_tokens: c.usage.input + c.usage.output,
    prompt_tokens_details: { cached_tokens: c.usage.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: c.usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
