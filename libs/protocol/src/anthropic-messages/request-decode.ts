import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ReasoningConfig,
  ToolChoice,
  ToolDefinition,
} from '../canonical';
import type { SurfaceHints } from '../codec';
import { collectExtras, withExtras } from '../extras';
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
  type WireObject,
} from '../util/wire-reader';
import { decodeBlock } from './content-blocks';

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
]);

/** Anthropic Messages request body -> canonical request. */
export function decodeAnthropicRequest(body: unknown, hints: SurfaceHints = {}): CanonicalRequest {
  const b = asObject(body, 'body');
  const model = optString(b.model, 'model') ?? hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'required');
  const maxTokens = optInteger(b.max_tokens, 'max_tokens');
  if (maxTokens === undefined) throw invalidField('max_tokens', 'required');
  const request: CanonicalRequest = {
    model,
    system: decodeSystem(b.system),
    messages: decodeMessages(asArray(b.messages, 'messages')),
    maxTokens,
    stream: optBoolean(b.stream, 'stream') ?? hints.stream ?? false,
  };
  const metadata = optObject(b.metadata, 'metadata');
  assign(request, 'user', optString(metadata?.user_id, 'metadata.user_id'));
  assign(request, 'stop', optStringList(b.stop_sequences, 'stop_sequences'));
  assign(request, 'temperature', optNumber(b.temperature, 'temperature'));
  assign(request, 'topP', optNumber(b.top_p, 'top_p'));
  assign(request, 'topK', optInteger(b.top_k, 'top_k'));
  let extras = collectExtras(b, KNOWN_FIELDS);
  if (b.tools !== undefined && b.tools !== null) {
    const { tools, serverTools } = decodeTools(asArray(b.tools, 'tools'));
    request.tools = tools;
    // Server tools (web search, code execution...) run at Anthropic: only an Anthropic upstream can take them.
    if (serverTools.length > 0) (extras ??= {}).tools = serverTools;
  }
  if (b.tool_choice !== undefined && b.tool_choice !== null)
    decodeToolChoice(asObject(b.tool_choice, 'tool_choice'), request);
  assign(request, 'reasoning', decodeThinking(optObject(b.thinking, 'thinking')));
  decodeOutputConfig(optObject(b.output_config, 'output_config'), request);
  assign(request, 'extra', withExtras('anthropic-messages', extras));
  return request;
}

function decodeSystem(system: unknown): ContentPart[] {
  if (system === undefined || system === null) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ type: 'text', text: system }];
  const blocks = asArray(system, 'system');
  const out: ContentPart[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = asObject(blocks[i], `system[${i}]`);
    if (block.type !== 'text') throw invalidField(`system[${i}].type`, "system blocks must be 'text'");
    out.push({ type: 'text', text: asString(block.text, `system[${i}].text`) });
  }
  return out;
}

function decodeMessages(wire: unknown[]): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  for (let i = 0; i < wire.length; i++) {
    const field = `messages[${i}]`;
    const m = asObject(wire[i], field);
    const role = asString(m.role, `${field}.role`);
    if (role !== 'user' && role !== 'assistant' && role !== 'system')
      throw invalidField(`${field}.role`, `unknown role '${role}'`);
    const content = m.content;
    if (typeof content === 'string') {
      messages.push({ role, content: [{ type: 'text', text: content }] });
      continue;
    }
    const blocks = asArray(content, `${field}.content`);
    // Tool results ride in user turns; canonically they are a tool message, before the rest of the turn.
    let results: ContentPart[] | undefined;
    const parts: ContentPart[] = [];
    for (let j = 0; j < blocks.length; j++) {
      const part = decodeBlock(asObject(blocks[j], `${field}.content[${j}]`), `${field}.content[${j}]`);
      if (part.type === 'tool_result') {
        if (role !== 'user')
          throw invalidField(`${field}.content[${j}].type`, 'tool_result blocks belong in user turns');
        (results ??= []).push(part);
      } else {
        parts.push(part);
      }
    }
    if (results !== undefined) messages.push({ role: 'tool', content: results });
    if (parts.length > 0 || results === undefined) messages.push({ role, content: parts });
  }
  return messages;
}

function decodeTools(wire: unknown[]): { tools: ToolDefinition[]; serverTools: WireObject[] } {
  const tools: ToolDefinition[] = [];
  const serverTools: WireObject[] = [];
  for (let i = 0; i < wire.length; i++) {
    const field = `tools[${i}]`;
    const t = asObject(wire[i], field);
    if (t.type !== undefined && t.type !== null && t.type !== 'custom') {
      serverTools.push(t);
      continue;
    }
    const tool: ToolDefinition = {
      name: asString(t.name, `${field}.name`),
      parameters: asObject(t.input_schema, `${field}.input_schema`),
    };
    assign(tool, 'description', optString(t.description, `${field}.description`));
    assign(tool, 'strict', optBoolean(t.strict, `${field}.strict`));
    tools.push(tool);
  }
  return { tools, serverTools };
}

function decodeToolChoice(choice: WireObject, request: CanonicalRequest): void {
  let toolChoice: ToolChoice;
  switch (choice.type) {
    case 'auto':
      toolChoice = { type: 'auto' };
      break;
    case 'any':
      toolChoice = { type: 'required' };
      break;
    case 'none':
      toolChoice = { type: 'none' };
      break;
    case 'tool':
      toolChoice = { type: 'tool', name: asString(choice.name, 'tool_choice.name') };
      break;
    default:
      throw invalidField('tool_choice.type', `unknown type '${String(choice.type)}'`);
  }
  request.toolChoice = toolChoice;
  const disableParallel = optBoolean(
    choice.disable_parallel_tool_use,
    'tool_choice.disable_parallel_tool_use',
  );
  if (disableParallel !== undefined) request.parallelToolCalls = !disableParallel;
}

function decodeThinking(thinking: WireObject | undefined): ReasoningConfig | undefined {
  if (thinking === undefined) return undefined;
  switch (thinking.type) {
    case 'enabled': {
      const budget = optInteger(thinking.budget_tokens, 'thinking.budget_tokens');
      if (budget === undefined)
        throw invalidField('thinking.budget_tokens', 'required when thinking is enabled');
      return { enabled: true, budgetTokens: budget, includeThoughts: thinking.display !== 'omitted' };
    }
    case 'adaptive':
      return { enabled: true, includeThoughts: thinking.display !== 'omitted' };
    case 'disabled':
      return { enabled: false };
    default:
      throw invalidField('thinking.type', `unknown type '${String(thinking.type)}'`);
  }
}

function decodeOutputConfig(config: WireObject | undefined, request: CanonicalRequest): void {
  if (config === undefined) return;
  const format = optObject(config.format, 'output_config.format');
  if (format !== undefined) {
    if (format.type !== 'json_schema')
      throw invalidField('output_config.format.type', `unknown type '${String(format.type)}'`);
    request.responseFormat = {
      type: 'json_schema',
      name: 'response',
      schema: asObject(format.schema, 'output_config.format.schema'),
    };
  }
  const effort = optString(config.effort, 'output_config.effort');
  if (effort !== undefined) {
    if (!isReasoningEffort(effort)) throw invalidField('output_config.effort', `unknown effort '${effort}'`);
    request.reasoning = { ...(request.reasoning ?? { enabled: true }), effort };
  }
  for (const key in config) {
    if (key !== 'format' && key !== 'effort')
      throw unsupportedField(`output_config.${key}`, 'no translation');
  }
}
