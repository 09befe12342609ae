import type { StopReason } from '../fake/answer';
import { buildCompletion, type Completion } from '../fake/completion';
import { randomChars, unixSeconds } from '../fake/ids';
import { jsonReply, sseFrame } from '../fake/reply';
import { newOpenAIToolCallId } from './chat-completions';
import { openaiErrorObject, openaiHeaders } from './openai-errors';
import { jsonModelRoute } from './openai-route';

interface CompletionRequestBody {
  model: string;
  prompt: unknown;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
}

const FINISH_REASON: Record<StopReason, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'stop',
  max_tokens: 'length',
  content_filter: 'content_filter',
};

const promptText = (prompt: unknown): string =>
  typeof prompt === 'string'
    ? prompt
    : Array.isArray(prompt) && typeof prompt[0] === 'string'
      ? prompt.join('\n')
      : '';

/** `POST /v1/completions` (legacy text completions), plain and streamed. */
export const completionsRoute = jsonModelRoute(
  '/completions',
  'CreateCompletionRequest',
  (request, answer) => {
    const body = request.body as CompletionRequestBody;
    const text = promptText(body.prompt);
    const c = buildCompletion(
      answer,
      { lastUserText: text, promptText: text, model: body.model, body },
      {
        provider: 'OpenAI',
        newToolCallId: newOpenAIToolCallId,
      },
    );
    const base = {
      id: `cmpl-${randomChars(29)}`,
      object: 'text_completion',
      created: unixSeconds(),
      model: body.model,
    };
    if (!body.stream) {
      const choices = [
        { text: c.text, index: 0, logprobs: null, finish_reason: FINISH_REASON[c.stopReason] },
      ];
      return jsonReply(200, { ...base, choices, usage: usage(c) }, openaiHeaders());
    }
    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (text: string, finish: string | null) => ({
      ...base,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finish }],
      ...(includeUsage && { usage: null }),
    });
    const chunks: Record<string, unknown>[] = [
      ...c.textChunks.map((t) => chunk(t, null)),
      chunk('', FINISH_REASON[c.stopReason]),
    ];
    if (includeUsage) chunks.push({ ...base, choices: [], usage: usage(c) });
    return {
      kind: 'stream',
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        ...openaiHeaders(),
      },
      frames: chunks.map((x) => sseFrame(x)),
      trailer: sseFrame('[DONE]'),
      errorFrame: (error) => sseFrame({ error: openaiErrorObject(error) }),
    };
  },
);

function usage(c: Completion) {
  return {
    prompt_tokens: c.usage.input,
    completion_tokens: c.usage.output,
    total_tokens: c.usage.input + c.usage.output,
  };
}
