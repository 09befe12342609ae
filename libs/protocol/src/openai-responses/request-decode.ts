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
  unsupportedField,
  type WireObject,
} from '../util/wire-reader';

const TRANSLATED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'stream',
  'stream_options',
  'user',
  'safety_identifier',
  'reasoning',
  'text',
]);

/** Fields that tune the service, not the output: dropped when the request is translated. */
const ADVISORY = new Set([
  'store',
  'metadata',
  'include',
  'truncation',
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
]);

/**
 * OpenAI Responses request body -> canonical request. Fields with no canonical form (built-in
 * tools, `previous_response_id`, `background`...) are refused naming the field; advisory ones are
 * dropped. Reasoning items of earlier turns are dropped: the provider reasons afresh.
 */
export function decodeResponsesRequest(body: unknown, hints: SurfaceHints = {}): CanonicalRequest {
  const b = asObject(body, 'body');
  const model = optString(b.model, 'model') ?? hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'required');
  for (const key in b)
    if (!TRANSLATED.has(key) && !ADVISORY.has(key) && b[key] !== undefined && b[key] !== null)
      throw unsupportedField(key, 'not translatable by this gateway');

  const system: ContentPart[] = [];
  const instructions = optString(b.instructions, 'instructions');
  if (instructions) system.push({ type: 'text', text: instructions });
  const request: CanonicalRequest = {
    model,
    system,
    messages: decodeInput(b.input, system),
    stream: optBoolean(b.stream, 'stream') ?? hints.stream ?? false,
    includeUsage: true,
  };
  if (b.tools !== undefined && b.tools !== null) request.tools = decodeTools(asArray(b.tools, 'tools'));
  if (b.tool_choice !== undefined && b.tool_choice !== null)
    request.toolChoice = decodeToolChoice(b.tool_choice);
  assign(request, 'parallelToolCalls', optBoolean(b.parallel_tool_calls, 'parallel_tool_calls'));
  assign(request, 'maxTokens', optInteger(b.max_output_tokens, 'max_output_tokens'));
  assign(request, 'temperature', optNumber(b.temperature, 'temperature'));
  assign(request, 'topP', optNumber(b.top_p, 'top_p'));
  assign(request, 'user', optString(b.safety_identifier, 'safety_identifier') ?? optString(b.user, 'user'));
  const reasoning = optObject(b.reasoning, 'reasoning');
  if (reasoning) decodeReasoning(reasoning, request);
  const text = optObject(b.text, 'text');
  const format = text && optObject(text.format, 'text.format');
  if (format) request.responseFormat = decodeFormat(format);
  return request;
}

function decodeInput(input: unknown, system: ContentPart[]): CanonicalMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  const items = asArray(input, 'input');
  const messages: CanonicalMessage[] = [];
  const appendTo = (role: 'assistant' | 'tool', part: ContentPart) => {
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(part);
    else messages.push({ role, content: [part] });
  };
  for (let i = 0; i < items.length; i++) {
    const field = `input[${i}]`;
    const item = asObject(items[i], field);
    const type = item.type ?? 'message';
    switch (type) {
      case 'message':
        decodeMessage(item, field, messages, system);
        break;
      case 'function_call':
        appendTo('assistant', {
          type: 'tool_call',
          id: asString(item.call_id, `${field}.call_id`),
          name: asString(item.name, `${field}.name`),
          arguments: asString(item.arguments, `${field}.arguments`),
        });
        break;
      case 'function_call_output':
        appendTo('tool', {
          type: 'tool_result',
          toolCallId: asString(item.call_id, `${field}.call_id`),
          content: decodeToolOutput(item.output, `${field}.output`),
        });
        break;
      case 'reasoning':
        break;
      default:
        throw unsupportedField(`${field}.type`, `input item type '${String(type)}' is not translatable`);
    }
  }
  return messages;
}

function decodeMessage(
  item: WireObject,
  field: string,
  messages: CanonicalMessage[],
  system: ContentPart[],
): void {
  const role = asString(item.role, `${field}.role`);
  const content = decodeContent(item.content, `${field}.content`);
  switch (role) {
    case 'system':
    case 'developer':
      // Instructions before the first turn are the system prompt; later ones stay in place.
      if (messages.length === 0) system.push(...content);
      else messages.push({ role: 'system', content });
      return;
    case 'user':
    case 'assistant':
      messages.push({ role, content });
      return;
    default:
      throw invalidField(`${field}.role`, `unknown role '${role}'`);
  }
}

function decodeContent(content: unknown, field: string): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts = asArray(content, field);
  return parts.map((raw, i) => decodePart(asObject(raw, `${field}[${i}]`), `${field}[${i}]`));
}

function decodePart(p: WireObject, field: string): ContentPart {
  switch (p.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: asString(p.text, `${field}.text`) };
    case 'refusal':
      return { type: 'text', text: asString(p.refusal, `${field}.refusal`), refusal: true };
    case 'input_image': {
      if (p.file_id !== undefined && p.file_id !== null)
        throw unsupportedField(`${field}.file_id`, 'uploaded file ids cannot be forwarded; send image_url');
      const part: ContentPart = {
        type: 'image',
        source: imageSourceFromUrl(asString(p.image_url, `${field}.image_url`)),
      };
      assign(part, 'detail', optString(p.detail, `${field}.detail`));
      return part;
    }
    case 'input_file': {
      if (p.file_id !== undefined && p.file_id !== null)
        throw unsupportedField(`${field}.file_id`, 'uploaded file ids cannot be forwarded; send file_data');
      const source = imageSourceFromUrl(asString(p.file_data, `${field}.file_data`));
      if (source.kind !== 'base64') throw invalidField(`${field}.file_data`, 'expected a base64 data URL');
      const part: ContentPart = { type: 'file', mediaType: source.mediaType, data: source.data };
      assign(part, 'name', optString(p.filename, `${field}.filename`));
      return part;
    }
    default:
      throw invalidField(`${field}.type`, `unknown content part type '${String(p.type)}'`);
  }
}

function decodeToolOutput(output: unknown, field: string): ToolResultContent {
  if (typeof output === 'string') return output;
  const parts = decodeContent(output, field);
  return parts.map((part, i) => {
    if (part.type !== 'text' && part.type !== 'image')
      throw invalidField(`${field}[${i}].type`, 'tool output may hold text and images only');
    return part;
  });
}

function decodeTools(wire: unknown[]): ToolDefinition[] {
  return wire.map((raw, i) => {
    const field = `tools[${i}]`;
    const t = asObject(raw, field);
    if (t.type !== 'function')
      throw unsupportedField(
        `${field}.type`,
        `tool type '${String(t.type)}'; only 'function' tools translate`,
      );
    const tool: ToolDefinition = {
      name: asString(t.name, `${field}.name`),
      parameters: optObject(t.parameters, `${field}.parameters`) ?? { type: 'object', properties: {} },
    };
    assign(tool, 'description', optString(t.description, `${field}.description`));
    assign(tool, 'strict', optBoolean(t.strict, `${field}.strict`));
    return tool;
  });
}

function decodeToolChoice(wire: unknown): ToolChoice {
  if (wire === 'auto' || wire === 'none' || wire === 'required') return { type: wire };
  if (typeof wire === 'string') throw invalidField('tool_choice', `unknown value '${wire}'`);
  const choice = asObject(wire, 'tool_choice');
  if (choice.type !== 'function') throw unsupportedField('tool_choice.type', `'${String(choice.type)}'`);
  return { type: 'tool', name: asString(choice.name, 'tool_choice.name') };
}

function decodeReasoning(reasoning: WireObject, request: CanonicalRequest): void {
  const effort = optString(reasoning.effort, 'reasoning.effort');
  if (effort === undefined) return;
  if (effort === 'none') request.reasoning = { enabled: false };
  else if (isReasoningEffort(effort))
    request.reasoning = {
      enabled: true,
      effort,
      includeThoughts: reasoning.summary !== undefined && reasoning.summary !== null,
    };
  else throw invalidField('reasoning.effort', `unknown effort '${effort}'`);
}

function decodeFormat(format: WireObject): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const out: ResponseFormat = {
        type: 'json_schema',
        name: asString(format.name, 'text.format.name'),
        schema: optObject(format.schema, 'text.format.schema') ?? {},
      };
      assign(out, 'strict', optBoolean(format.strict, 'text.format.strict'));
      assign(out, 'description', optString(format.description, 'text.format.description'));
      return out;
    }
    default:
      throw invalidField('text.format.type', `unknown type '${String(format.type)}'`);
  }
}
