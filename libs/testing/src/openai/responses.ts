import { buildCompletion, type Completion } from '../fake/completion';
import { hex, unixSeconds } from '../fake/ids';
import { jsonReply, sseFrame } from '../fake/reply';
import { newOpenAIToolCallId } from './chat-completions';
import type { ScriptedError } from '../fake/answer';
import { openaiErrorObject, openaiHeaders } from './openai-errors';
import { jsonModelRoute } from './openai-route';
import { responsesFacts, type ResponsesRequestBody } from './responses-request';

type Json = Record<string, unknown>;

/** `POST /v1/responses`: a Response object, or its typed SSE events (`event: response.created`...). */
export const responsesRoute = jsonModelRoute('/responses', 'CreateResponse', (request, answer) => {
  const body = request.body as ResponsesRequestBody;
  const c = buildCompletion(answer, responsesFacts(body), {
    provider: 'OpenAI',
    newToolCallId: newOpenAIToolCallId,
  });
  const items = outputItems(c, body);
  const response = responseObject(
    c,
    body,
    items.map((i) => i.done),
  );
  if (!body.stream) return jsonReply(200, response, openaiHeaders());
  const events = streamEvents(response, items);
  return {
    kind: 'stream',
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...openaiHeaders(),
    },
    frames: events.map((event) => sseFrame(event, event.type as string)),
    errorFrame: (error, written) => failureEvents(response, error, written),
  };
});

/** One output item: its finished form, and the stream events between its added and done events. */
interface OutputItem {
  done: Json;
  started: Json;
  body: (itemId: string, outputIndex: number) => Json[];
}

function outputItems(c: Completion, body: ResponsesRequestBody): OutputItem[] {
  const items: OutputItem[] = [];
  if (c.thinking) {
    const thinking = c.thinking;
    const id = `rs_${hex(48)}`;
    const encrypted = body.include?.includes('reasoning.encrypted_content')
      ? { encrypted_content: thinking.signature }
      : {};
    const part = { type: 'summary_text', text: thinking.text };
    items.push({
      done: { id, type: 'reasoning', summary: [part], ...encrypted },
      started: { id, type: 'reasoning', summary: [], ...encrypted },
      body: (item_id, output_index) => [
        {
          type: 'response.reasoning_summary_part.added',
          item_id,
          output_index,
          summary_index: 0,
          part: { ...part, text: '' },
        },
        ...thinking.chunks.map((delta) => ({
          type: 'response.reasoning_summary_text.delta',
          item_id,
          output_index,
          summary_index: 0,
          delta,
        })),
        {
          type: 'response.reasoning_summary_text.done',
          item_id,
          output_index,
          summary_index: 0,
          text: thinking.text,
        },
        { type: 'response.reasoning_summary_part.done', item_id, output_index, summary_index: 0, part },
      ],
    });
  }
  if (c.text) {
    const id = `msg_${hex(48)}`;
    const part = { type: 'output_text', text: c.text, annotations: [], logprobs: [] };
    const message = { id, type: 'message', role: 'assistant' };
    items.push({
      done: { ...message, status: 'completed', content: [part] },
      started: { ...message, status: 'in_progress', content: [] },
      body: (item_id, output_index) => {
        const at = { item_id, output_index, content_index: 0 };
        return [
          { type: 'response.content_part.added', ...at, part: { ...part, text: '' } },
          ...c.textChunks.map((delta) => ({
            type: 'response.output_text.delta',
            ...at,
            delta,
            logprobs: [],
          })),
          { type: 'response.output_text.done', ...at, text: c.text, logprobs: [] },
          { type: 'response.content_part.done', ...at, part },
        ];
      },
    });
  }
  for (const call of c.toolCalls) {
    const item = { id: `fc_${hex(48)}`, type: 'function_call', call_id: call.id, name: call.name };
    items.push({
      done: { ...item, arguments: call.argumentsJson, status: 'completed' },
      started: { ...item, arguments: '', status: 'in_progress' },
      body: (item_id, output_index) => [
        ...call.argumentChunks.map((delta) => ({
          type: 'response.function_call_arguments.delta',
          item_id,
          output_index,
          delta,
        })),
        {
          type: 'response.function_call_arguments.done',
          item_id,
          output_index,
          name: call.name,
          arguments: call.argumentsJson,
        },
      ],
    });
  }
  return items;
}

const INCOMPLETE_REASON: Partial<Record<Completion['stopReason'], string>> = {
  max_tokens: 'max_output_tokens',
  content_filter: 'content_filter',
};

function responseObject(c: Completion, body: ResponsesRequestBody, output: Json[]): Json {
  const incomplete = INCOMPLETE_REASON[c.stopReason];
  return {
    id: `resp_${hex(48)}`,
    object: 'response',
    created_at: unixSeconds(),
    status: incomplete ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: incomplete ? { reason: incomplete } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: body.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: c.usage.input,
      input_tokens_details: { cached_tokens: c.usage.cached, cache_write_tokens: 0 },
      output_tokens: c.usage.output,
      output_tokens_details: { reasoning_tokens: c.usage.reasoning },
      total_tokens: c.usage.input + c.usage.output,
    },
    metadata: {},
  };
}

/** created, in_progress, then per item added / its deltas / done, then completed (or incomplete); numbered. */
function streamEvents(response: Json, items: OutputItem[]): Json[] {
  // The API's own example sends `usage: null` here, which its schema forbids; leaving it out satisfies both.
  const { usage: _final, ...unfinished } = response;
  const pending = { ...unfinished, status: 'in_progress', incomplete_details: null, output: [] };
  const events: Json[] = [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
  ];
  items.forEach((item, output_index) => {
    const id = item.done.id as string;
    events.push({ type: 'response.output_item.added', output_index, item: item.started });
    events.push(...item.body(id, output_index));
    events.push({ type: 'response.output_item.done', output_index, item: item.done });
  });
  events.push({
    type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed',
    response,
  });
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}

/** A failure mid-stream: an `error` event, then `response.failed` carrying the response's error. */
function failureEvents(response: Json, error: ScriptedError, written: number): string {
  const { type, code, message, param } = openaiErrorObject(error);
  const { usage: _none, ...unfinished } = response;
  const failed = {
    ...unfinished,
    status: 'failed',
    output: [],
    error: { code: error.status === 429 ? 'rate_limit_exceeded' : 'server_error', message },
  };
  return (
    sseFrame({ type: 'error', code: code ?? type, message, param, sequence_number: written }, 'error') +
    sseFrame({ type: 'response.failed', response: failed, sequence_number: written + 1 }, 'response.failed')
  );
}
