import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageCreateParamsBase,
  MessageParam,
  Usage,
} from '@anthropic-ai/sdk/resources/messages';
import { anthropicSpec, parseSse } from '@verosek/testing';
import type { Connection, SdkDriver } from '../support/driver';
import { parseArguments } from '../support/driver';
import type { Answer, Ask, AskPart } from '../support/neutral';
import type { TappedExchange } from '../support/tap';

/** The SDK requires max_tokens; what the matrix sends when a feature sets none. */
const DEFAULT_MAX_TOKENS = 1024;

function client(connection: Connection): Anthropic {
  return new Anthropic({ baseURL: connection.url, apiKey: connection.apiKey, maxRetries: 0 });
}

function userBlocks(parts: AskPart[]): ContentBlockParam[] {
  return parts.map((part): ContentBlockParam => {
    if ('text' in part) return { type: 'text', text: part.text };
    const image = part.image;
    return image.kind === 'url'
      ? { type: 'image', source: { type: 'url', url: image.url } }
      : {
          type: 'image',
          source: { type: 'base64', media_type: image.mediaType as 'image/png', data: image.data },
        };
  });
}

function messages(ask: Ask): MessageParam[] {
  return ask.messages.map((message): MessageParam => {
    switch (message.role) {
      case 'user':
        return { role: 'user', content: userBlocks(message.parts) };
      case 'assistant': {
        const content: ContentBlockParam[] = [];
        if (message.thinking)
          content.push({
            type: 'thinking',
            ...{ thinking: message.thinking.text, signature: message.thinking.signature },
          });
        if (message.text) content.push({ type: 'text', text: message.text });
        for (const call of message.toolCalls ?? [])
          content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args });
        return { role: 'assistant', content };
      }
      case 'tool':
        return {
          role: 'user',
          content: message.results.map((result) => ({
            type: 'tool_result',
            tool_use_id: result.id,
            content: result.content,
          })),
        };
    }
  });
}

function params(ask: Ask, model: string): MessageCreateParamsBase {
  if (ask.responseFormat?.type === 'json') throw new Error('the Anthropic SDK has no schemaless JSON mode');
  if (ask.seed !== undefined) throw new Error('the Anthropic SDK has no seed');
  const body: MessageCreateParamsBase = {
    model,
    max_tokens: ask.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: messages(ask),
  };
  if (ask.system !== undefined) body.system = ask.system;
  if (ask.tools) {
    body.tools = ask.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters as Anthropic.Tool.InputSchema,
    }));
  }
  const choice = ask.toolChoice;
  if (choice !== undefined) {
    body.tool_choice =
      choice === 'required'
        ? { type: 'any' }
        : typeof choice === 'string'
          ? { type: choice }
          : { type: 'tool', name: choice.name };
  }
  if (ask.responseFormat?.type === 'schema') {
    body.output_config = { format: { type: 'json_schema', schema: ask.responseFormat.schema } };
  }
  if (ask.stop) body.stop_sequences = ask.stop;
  // The API (and its spec) still takes sampling parameters; this SDK's types no longer declare them.
  const sampling: Record<string, number> = {};
  if (ask.temperature !== undefined) sampling.temperature = ask.temperature;
  if (ask.topP !== undefined) sampling.top_p = ask.topP;
  if (ask.topK !== undefined) sampling.top_k = ask.topK;
  Object.assign(body, sampling);
  if (ask.reasoning) body.thinking = { type: 'enabled', budget_tokens: ask.reasoning.budgetTokens };
  return body;
}

function usageOf(usage: Partial<Usage> | undefined): Answer['usage'] {
  const cached = usage?.cache_read_input_tokens ?? 0;
  return {
    input: (usage?.input_tokens ?? 0) + cached + (usage?.cache_creation_input_tokens ?? 0),
    output: usage?.output_tokens ?? 0,
    cached,
    reasoning: 0,
  };
}

async function plain(anthropic: Anthropic, body: MessageCreateParamsBase): Promise<Answer> {
  const message = await anthropic.messages.create({ ...body, stream: false });
  const answer: Answer = {
    text: '',
    thinking: [],
    toolCalls: [],
    stop: message.stop_reason,
    usage: usageOf(message.usage),
    argumentFragments: [],
  };
  for (const block of message.content) {
    if (block.type === 'text') answer.text += block.text;
    if (block.type === 'thinking') answer.thinking.push({ text: block.thinking, signature: block.signature });
    if (block.type === 'tool_use')
      answer.toolCalls.push({ id: block.id, name: block.name, args: block.input });
  }
  return answer;
}

async function streamed(anthropic: Anthropic, body: MessageCreateParamsBase): Promise<Answer> {
  const stream = await anthropic.messages.create({ ...body, stream: true });
  const answer: Answer = {
    text: '',
    thinking: [],
    toolCalls: [],
    stop: null,
    usage: usageOf(undefined),
    argumentFragments: [],
  };
  let usage: Partial<Usage> = {};
  const blocks = new Map<
    number,
    {
      kind: string;
      call?: { id: string; name: string; json: string; fragments: number };
      thinking?: { text: string; signature?: string };
    }
  >();
  for await (const event of stream) {
    switch (event.type) {
      case 'message_start':
        usage = { ...event.message.usage };
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'tool_use')
          blocks.set(event.index, {
            kind: 'tool_use',
            call: { id: block.id, name: block.name, json: '', fragments: 0 },
          });
        else if (block.type === 'thinking')
          blocks.set(event.index, { kind: 'thinking', thinking: { text: block.thinking } });
        else blocks.set(event.index, { kind: block.type });
        break;
      }
      case 'content_block_delta': {
        const block = blocks.get(event.index);
        const delta = event.delta;
        if (delta.type === 'text_delta') answer.text += delta.text;
        if (delta.type === 'input_json_delta' && block?.call && delta.partial_json !== '') {
          block.call.json += delta.partial_json;
          block.call.fragments++;
        }
        if (delta.type === 'thinking_delta' && block?.thinking) block.thinking.text += delta.thinking;
        if (delta.type === 'signature_delta' && block?.thinking) block.thinking.signature = delta.signature;
        break;
      }
      case 'message_delta':
        answer.stop = event.delta.stop_reason;
        usage = {
          ...usage,
          ...Object.fromEntries(Object.entries(event.usage).filter(([, v]) => v !== null)),
        };
        break;
    }
  }
  for (const [, block] of [...blocks].sort(([a], [b]) => a - b)) {
    if (block.call) {
      answer.toolCalls.push({
        id: block.call.id,
        name: block.call.name,
        args: parseArguments(block.call.json || '{}'),
      });
      answer.argumentFragments.push(block.call.fragments);
    }
    if (block.thinking) answer.thinking.push(block.thinking);
  }
  answer.usage = usageOf(usage);
  return answer;
}

/**
 * Anthropic documents `request_too_large` (413) among its error types, but the published spec's
 * error union lacks it: such a body is checked as the same shape with a listed type.
 */
function errorBodyErrors(body: { error?: { type?: string } }): string[] {
  const listed =
    body.error?.type === 'request_too_large'
      ? { ...body, error: { ...body.error, type: 'invalid_request_error' } }
      : body;
  return anthropicSpec.validateError(listed).errors;
}

function events(exchange: TappedExchange): Array<{ event?: string; data: Record<string, unknown> }> {
  return parseSse(exchange.body).map((e) => ({
    event: e.event,
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
}

export const anthropicDriver: SdkDriver = {
  name: 'anthropic',
  label: '@anthropic-ai/sdk',
  abilities: new Set(['top-k', 'thinking-history']),
  showsReasoningTokens: false,
  showsThinking: true,
  streamsArgumentFragments: true,
  call: (connection, ask, model, stream) => {
    const body = params(ask, model);
    return stream ? streamed(client(connection), body) : plain(client(connection), body);
  },
  stopFor: (stop) => {
    switch (stop) {
      case 'length':
        return 'max_tokens';
      case 'stop_sequence':
        return 'stop_sequence';
      case 'tool_calls':
        return 'tool_use';
      case 'refusal':
      case 'content_filter':
        return 'refusal';
      default:
        return 'end_turn';
    }
  },
  statusFor: (status) => status,
  isTypedError: (error, status) => {
    if (!(error instanceof Anthropic.APIError) || error.status !== status) return false;
    const byStatus: Record<number, unknown> = {
      400: Anthropic.BadRequestError,
      401: Anthropic.AuthenticationError,
      403: Anthropic.PermissionDeniedError,
      404: Anthropic.NotFoundError,
      413: Anthropic.ContentTooLargeError,
      429: Anthropic.RateLimitError,
      501: Anthropic.NotImplementedError,
      503: Anthropic.ServiceUnavailableError,
      504: Anthropic.GatewayTimeoutError,
      529: Anthropic.OverloadedError,
    };
    const expected = byStatus[status] ?? (status >= 500 ? Anthropic.InternalServerError : Anthropic.APIError);
    return error.constructor === expected;
  },
  isApiError: (error) => error instanceof Anthropic.APIError,
  specErrors: (exchange, stream) => {
    if (exchange.status >= 400) return errorBodyErrors(JSON.parse(exchange.body));
    if (!stream) return anthropicSpec.validateResponse('Message', JSON.parse(exchange.body)).errors;
    const errors: string[] = [];
    for (const { event, data } of events(exchange)) {
      if (event !== data.type)
        errors.push(`event name '${event}' differs from its data type '${String(data.type)}'`);
      errors.push(...anthropicSpec.validateStreamEvent(data).errors);
    }
    const last = events(exchange).at(-1)?.data.type;
    if (last !== 'message_stop' && last !== 'error')
      errors.push(`stream ended with '${String(last)}', not message_stop or error`);
    return errors;
  },
  endsWithErrorEvent: (exchange) => events(exchange).at(-1)?.event === 'error',
};
