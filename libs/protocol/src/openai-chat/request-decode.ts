import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
  ToolResultContent,
} from '../canonical';
import type { SurfaceHints } from '../codec';
import { collectExtras, withExtras } from '../extras';
import { imageSourceFromUrl } from '../images';
import { isReasoningEffort } from '../reasoning';
import { assign } from '../util/assign';
import {
  asArray,
  asObject,
  asString,
  invalidField,
  optBoolean,
  optInteger,
  optNumber,
  optObject,
  optString,
  optStringList,
  unsupportedField,
} from '../util/wire-reader';

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'seed',
  'stop',
  'n',
  'response_format',
  'reasoning_effort',
  'stream',
  'stream_options',
  'user',
]);

/** OpenAI Chat Completions request body -> canonical request. */
export function decodeOpenAIRequest(body: unknown, hints: SurfaceHints = {}): CanonicalRequest {
  const b = asObject(body, 'body');
  const model = optString(b.model, 'model') ?? hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'required');
  const system: ContentPart[] = [];
  const messages = decodeMessages(asArray(b.messages, 'messages'), system);
  const streamOptions = optObject(b.stream_options, 'stream_options');
  const request: CanonicalRequest = {
    model,
    system,
    messages,
    stream: optBoolean(b.stream, 'stream') ?? hints.stream ?? false,
  };
  if (b.tools !== undefined && b.tools !== null) request.tools = decodeTools(asArray(b.tools, 'tools'));
  if (b.tool_choice !== undefined && b.tool_choice !== null)
    request.toolChoice = decodeToolChoice(b.tool_choice);
  assign(request, 'parallelToolCalls', optBoolean(b.parallel_tool_calls, 'parallel_tool_calls'));
  assign(
    request,
    'maxTokens',
    optInteger(b.max_completion_tokens, 'max_completion_tokens') ?? optInteger(b.max_tokens, 'max_tokens'),
  );
  assign(request, 'temperature', optNumber(b.temperature, 'temperature'));
  assign(request, 'topP', optNumber(b.top_p, 'top_p'));
  assign(request, 'seed', optInteger(b.seed, 'seed'));
  assign(request, 'stop', optStringList(b.stop, 'stop'));
  assign(request, 'n', optInteger(b.n, 'n'));
  if (b.response_format !== undefined && b.response_format !== null)
    request.responseFormat = decodeResponseFormat(b.response_format);
  const effort = optString(b.reasoning_effort, 'reasoning_effort');
  if (effort !== undefined) {
    if (effort === 'none') request.reasoning = { enabled: false };
    else if (isReasoningEffort(effort)) request.reasoning = { enabled: true, effort, includeThoughts: false };
    else throw invalidField('reasoning_effort', `unknown effort '${effort}'`);
  }
  assign(request, 'includeUsage', optBoolean(streamOptions?.include_usage, 'stream_options.include_usage'));
  assign(request, 'user', optString(b.user, 'user'));
  assign(request, 'extra', withExtras('openai-chat', collectExtras(b, KNOWN_FIELDS)));
  return request;
}

function decodeMessages(wire: unknown[], system: ContentPart[]): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  for (let i = 0; i < wire.length; i++) {
    const field = `messages[${i}]`;
    const m = asObject(wire[i], field);
    const role = asString(m.role, `${field}.role`);
    switch (role) {
      case 'system':
      case 'developer': {
        const parts = decodeTextContent(m.content, `${field}.content`);
        // Instructions before the first turn are the system prompt; later ones stay in place.
        if (messages.length === 0) system.push(...parts);
        else messages.push({ role: 'system', content: parts });
        break;
      }
      case 'user':
        messages.push(
          withName({ role: 'user', content: decodeUserContent(m.content, `${field}.content`) }, m, field),
        );
        break;
      case 'assistant':
        messages.push(withName({ role: 'assistant', content: decodeAssistant(m, field) }, m, field));
        break;
      case 'tool': {
        const toolCallId = asString(m.tool_call_id, `${field}.tool_call_id`);
        const content = decodeTextContent(m.content, `${field}.content`);
        const result: ToolResultContent = content.length === 1 ? content[0].text : content;
        const part: ContentPart = { type: 'tool_result', toolCallId, content: result };
        // Consecutive tool messages answer one assistant turn's parallel calls: one canonical tool turn.
        const last = messages[messages.length - 1];
        if (last?.role === 'tool') last.content.push(part);
        else messages.push({ role: 'tool', content: [part] });
        break;
      }
      case 'function':
        throw unsupportedField(`${field}.role`, "the deprecated 'function' role; use tool messages");
      default:
        throw invalidField(`${field}.role`, `unknown role '${role}'`);
    }
  }
  return messages;
}

function withName(message: CanonicalMessage, wire: Record<string, unknown>, field: string): CanonicalMessage {
  const name = optString(wire.name, `${field}.name`);
  if (name !== undefined) message.name = name;
  return message;
}

function decodeTextContent(content: unknown, field: string): Array<{ type: 'text'; text: string }> {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts = asArray(content, field);
  const out: Array<{ type: 'text'; text: string }> = [];
  for (let i = 0; i < parts.length; i++) {
    const p = asObject(parts[i], `${field}[${i}]`);
    if (p.type !== 'text') throw invalidField(`${field}[${i}].type`, "only 'text' parts are allowed here");
    out.push({ type: 'text', text: asString(p.text, `${field}[${i}].text`) });
  }
  return out;
}

function decodeUserContent(content: unknown, field: string): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts = asArray(content, field);
  const out: ContentPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const pf = `${field}[${i}]`;
    const p = asObject(parts[i], pf);
    switch (p.type) {
      case 'text':
        out.push({ type: 'text', text: asString(p.text, `${pf}.text`) });
        break;
      case 'image_url': {
        const image = asObject(p.image_url, `${pf}.image_url`);
        const part: ContentPart = {
          type: 'image',
          source: imageSourceFromUrl(asString(image.url, `${pf}.image_url.url`)),
        };
        const detail = optString(image.detail, `${pf}.image_url.detail`);
        if (detail !== undefined) part.detail = detail;
        out.push(part);
        break;
      }
      case 'input_audio': {
        const audio = asObject(p.input_audio, `${pf}.input_audio`);
        const format = asString(audio.format, `${pf}.input_audio.format`);
        out.push({
          type: 'audio',
          mediaType: `audio/${format}`,
          data: asString(audio.data, `${pf}.input_audio.data`),
        });
        break;
      }
      case 'file': {
        const file = asObject(p.file, `${pf}.file`);
        if (file.file_id !== undefined)
          throw unsupportedField(
            `${pf}.file.file_id`,
            'uploaded file ids cannot be forwarded; send file_data',
          );
        const dataUrl = asString(file.file_data, `${pf}.file.file_data`);
        const source = imageSourceFromUrl(dataUrl);
        if (source.kind !== 'base64')
          throw invalidField(`${pf}.file.file_data`, 'expected a base64 data URL');
        const part: ContentPart = { type: 'file', mediaType: source.mediaType, data: source.data };
        const name = optString(file.filename, `${pf}.file.filename`);
        if (name !== undefined) part.name = name;
        out.push(part);
        break;
      }
      default:
        throw invalidField(`${pf}.type`, `unknown content part type '${String(p.type)}'`);
    }
  }
  return out;
}

function decodeAssistant(m: Record<string, unknown>, field: string): ContentPart[] {
  const out: ContentPart[] = [];
  const content = m.content;
  if (typeof content === 'string') {
    if (content !== '') out.push({ type: 'text', text: content });
  } else if (content !== undefined && content !== null) {
    const parts = asArray(content, `${field}.content`);
    for (let i = 0; i < parts.length; i++) {
      const pf = `${field}.content[${i}]`;
      const p = asObject(parts[i], pf);
      if (p.type === 'text') out.push({ type: 'text', text: asString(p.text, `${pf}.text`) });
      else if (p.type === 'refusal')
        out.push({ type: 'text', text: asString(p.refusal, `${pf}.refusal`), refusal: true });
      else throw invalidField(`${pf}.type`, `unknown assistant content part type '${String(p.type)}'`);
    }
  }
  const refusal = optString(m.refusal, `${field}.refusal`);
  if (refusal !== undefined) out.push({ type: 'text', text: refusal, refusal: true });
  if (m.audio !== undefined && m.audio !== null)
    throw unsupportedField(`${field}.audio`, 'assistant audio history is not supported');
  if (m.function_call !== undefined && m.function_call !== null)
    throw unsupportedField(`${field}.function_call`, 'deprecated; use tool_calls');
  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    const calls = asArray(m.tool_calls, `${field}.tool_calls`);
    for (let j = 0; j < calls.length; j++) {
      const cf = `${field}.tool_calls[${j}]`;
      const call = asObject(calls[j], cf);
      if (call.type !== undefined && call.type !== 'function')
        throw unsupportedField(`${cf}.type`, `tool call type '${String(call.type)}'`);
      const fn = asObject(call.function, `${cf}.function`);
      out.push({
        type: 'tool_call',
        id: asString(call.id, `${cf}.id`),
        name: asString(fn.name, `${cf}.function.name`),
        arguments: asString(fn.arguments, `${cf}.function.arguments`),
      });
    }
  }
  return out;
}

function decodeTools(wire: unknown[]): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  for (let i = 0; i < wire.length; i++) {
    const field = `tools[${i}]`;
    const t = asObject(wire[i], field);
    if (t.type !== 'function')
      throw unsupportedField(
        `${field}.type`,
        `tool type '${String(t.type)}'; only 'function' tools translate`,
      );
    const fn = asObject(t.function, `${field}.function`);
    const tool: ToolDefinition = {
      name: asString(fn.name, `${field}.function.name`),
      parameters: optObject(fn.parameters, `${field}.function.parameters`) ?? {
        type: 'object',
        properties: {},
      },
    };
    assign(tool, 'description', optString(fn.description, `${field}.function.description`));
    assign(tool, 'strict', optBoolean(fn.strict, `${field}.function.strict`));
    tools.push(tool);
  }
  return tools;
}

function decodeToolChoice(wire: unknown): ToolChoice {
  if (wire === 'auto' || wire === 'none' || wire === 'required') return { type: wire };
  if (typeof wire === 'string') throw invalidField('tool_choice', `unknown value '${wire}'`);
  const choice = asObject(wire, 'tool_choice');
  if (choice.type !== 'function') throw unsupportedField('tool_choice.type', `'${String(choice.type)}'`);
  const fn = asObject(choice.function, 'tool_choice.function');
  return { type: 'tool', name: asString(fn.name, 'tool_choice.function.name') };
}

function decodeResponseFormat(wire: unknown): ResponseFormat {
  const format = asObject(wire, 'response_format');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const spec = asObject(format.json_schema, 'response_format.json_schema');
      const out: ResponseFormat = {
        type: 'json_schema',
        name: asString(spec.name, 'response_format.json_schema.name'),
        schema: optObject(spec.schema, 'response_format.json_schema.schema') ?? {},
      };
      assign(out, 'strict', optBoolean(spec.strict, 'response_format.json_schema.strict'));
      assign(out, 'description', optString(spec.description, 'response_format.json_schema.description'));
      return out;
    }
    default:
      throw invalidField('response_format.type', `unknown type '${String(format.type)}'`);
  }
}
