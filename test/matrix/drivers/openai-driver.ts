import OpenAI from 'openai';
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { openaiSpec, parseSse } from '@verosek/testing';
import type { Connection, SdkDriver } from '../support/driver';
import { parseArguments } from '../support/driver';
import type { Answer, Ask, AskPart } from '../support/neutral';
import type { TappedExchange } from '../support/tap';

function client(connection: Connection): OpenAI {
  return new OpenAI({ baseURL: `${connection.url}/v1`, apiKey: connection.apiKey, maxRetries: 0 });
}

function userContent(parts: AskPart[]): string | ChatCompletionContentPart[] {
  if (parts.length === 1 && 'text' in parts[0]) return parts[0].text;
  return parts.map((part): ChatCompletionContentPart => {
    if ('text' in part) return { type: 'text', text: part.text };
    const image = part.image;
    const url = image.kind === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}`;
    return { type: 'image_url', image_url: { url } };
  });
}

function messages(ask: Ask): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  if (ask.system !== undefined)
    out.push({ role: ask.asDeveloper ? 'developer' : 'system', content: ask.system });
  for (const message of ask.messages) {
    switch (message.role) {
      case 'user':
        out.push({ role: 'user', content: userContent(message.parts) });
        break;
      case 'assistant':
        out.push({
          role: 'assistant',
          content: message.text ?? null,
          ...(message.toolCalls && {
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: JSON.stringify(call.args) },
            })),
          }),
        });
        break;
      case 'tool':
        for (const result of message.results)
          out.push({ role: 'tool', tool_call_id: result.id, content: result.content });
        break;
    }
  }
  return out;
}

function params(ask: Ask, model: string): ChatCompletionCreateParamsBase {
  const body: ChatCompletionCreateParamsBase = { model, messages: messages(ask) };
  if (ask.tools) {
    body.tools = ask.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  const choice = ask.toolChoice;
  if (choice !== undefined) {
    body.tool_choice =
      typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
  }
  const format = ask.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  if (format?.type === 'schema') {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: format.name, schema: format.schema, strict: true },
    };
  }
  if (ask.stop) body.stop = ask.stop;
  if (ask.maxTokens !== undefined) body.max_completion_tokens = ask.maxTokens;
  if (ask.temperature !== undefined) body.temperature = ask.temperature;
  if (ask.topP !== undefined) body.top_p = ask.topP;
  if (ask.seed !== undefined) body.seed = ask.seed;
  if (ask.reasoning) body.reasoning_effort = ask.reasoning.effort;
  if (ask.topK !== undefined) throw new Error('the openai SDK has no top_k');
  return body;
}

function usageOf(usage: OpenAI.CompletionUsage | null | undefined): Answer['usage'] {
  return {
    input: usage?.prompt_tokens ?? 0,
    output: usage?.completion_tokens ?? 0,
    cached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

async function plain(openai: OpenAI, body: ChatCompletionCreateParamsBase): Promise<Answer> {
  const completion = await openai.chat.completions.create({ ...body, stream: false });
  const choice = completion.choices[0];
  return {
    text: choice.message.content ?? '',
    thinking: [],
    toolCalls: (choice.message.tool_calls ?? []).map((call) =>
      call.type === 'function'
        ? { id: call.id, name: call.function.name, args: parseArguments(call.function.arguments) }
        : { id: call.id, name: `<${call.type}>`, args: undefined },
    ),
    stop: choice.finish_reason,
    usage: usageOf(completion.usage),
    argumentFragments: [],
  };
}

async function streamed(openai: OpenAI, body: ChatCompletionCreateParamsBase): Promise<Answer> {
  const stream = await openai.chat.completions.create({
    ...body,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let stop: string | null = null;
  let usage: OpenAI.CompletionUsage | null | undefined;
  const calls: Array<{ id: string; name: string; args: string; fragments: number }> = [];
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    text += choice.delta.content ?? '';
    for (const delta of choice.delta.tool_calls ?? []) {
      const call = (calls[delta.index] ??= { id: '', name: '', args: '', fragments: 0 });
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) {
        call.args += delta.function.arguments;
        call.fragments++;
      }
    }
    if (choice.finish_reason) stop = choice.finish_reason;
  }
  return {
    text,
    thinking: [],
    toolCalls: calls.map((call) => ({ id: call.id, name: call.name, args: parseArguments(call.args) })),
    stop,
    usage: usageOf(usage),
    argumentFragments: calls.map((call) => call.fragments),
  };
}

function dataEvents(exchange: TappedExchange): string[] {
  return parseSse(exchange.body).map((event) => event.data);
}

export const openaiDriver: SdkDriver = {
  name: 'openai',
  label: 'openai 6',
  abilities: new Set(['developer-role', 'json-mode', 'seed']),
  showsReasoningTokens: true,
  showsThinking: false,
  streamsArgumentFragments: true,
  call: (connection, ask, model, stream) => {
    const body = params(ask, model);
    return stream ? streamed(client(connection), body) : plain(client(connection), body);
  },
  stopFor: (stop) => {
    switch (stop) {
      case 'length':
      case 'tool_calls':
      case 'content_filter':
        return stop;
      default:
        return 'stop';
    }
  },
  statusFor: (status) => (status === 529 ? 503 : status),
  isTypedError: (error, status) => {
    if (!(error instanceof OpenAI.APIError) || error.status !== status) return false;
    const byStatus: Record<number, unknown> = {
      400: OpenAI.BadRequestError,
      401: OpenAI.AuthenticationError,
      403: OpenAI.PermissionDeniedError,
      404: OpenAI.NotFoundError,
      429: OpenAI.RateLimitError,
    };
    const expected = byStatus[status] ?? (status >= 500 ? OpenAI.InternalServerError : OpenAI.APIError);
    return error.constructor === expected;
  },
  isApiError: (error) => error instanceof OpenAI.APIError,
  specErrors: (exchange, stream) => {
    if (exchange.status >= 400) return openaiSpec.validateError(JSON.parse(exchange.body)).errors;
    if (!stream)
      return openaiSpec.validateResponse('CreateChatCompletionResponse', JSON.parse(exchange.body)).errors;
    const errors: string[] = [];
    const events = dataEvents(exchange);
    for (const data of events) {
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data) as Record<string, unknown>;
      const result =
        'error' in chunk ? openaiSpec.validateError(chunk) : openaiSpec.validateStreamChunk(chunk);
      errors.push(...result.errors);
    }
    const ended = events.at(-1) === '[DONE]' || 'error' in (JSON.parse(events.at(-1) ?? '{}') as object);
    if (!ended) errors.push('stream ended without data: [DONE] or an error event');
    return errors;
  },
  endsWithErrorEvent: (exchange) => {
    const last = dataEvents(exchange).at(-1);
    return last !== undefined && last !== '[DONE]' && 'error' in (JSON.parse(last) as object);
  },
};
