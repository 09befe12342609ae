import type { CanonicalMessage, CanonicalRequest, ContentPart } from '../canonical';
import { extrasFor } from '../extras';
import { budgetForEffort } from '../reasoning';
import { invalidField, unsupportedField, type WireObject } from '../util/wire-reader';
import { encodeBlock } from './content-blocks';

/** Anthropic requires max_tokens; this is what we send when the client set none. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Canonical request -> Anthropic Messages body for `providerModel`. */
export function encodeAnthropicRequest(request: CanonicalRequest, providerModel: string): WireObject {
  if (request.n !== undefined && request.n > 1)
    throw unsupportedField('n', 'several choices are only served by OpenAI upstreams');
  if (request.seed !== undefined) throw unsupportedField('seed', 'Anthropic Messages has no seed');
  const extras = extrasFor(request, 'anthropic-messages');
  const body: WireObject = { model: providerModel, messages: encodeMessages(request.messages) };
  const thinking = encodeThinking(request);
  let maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (
    thinking?.type === 'enabled' &&
    request.maxTokens === undefined &&
    (thinking.budget_tokens as number) >= maxTokens
  ) {
    maxTokens = (thinking.budget_tokens as number) + DEFAULT_MAX_TOKENS;
  }
  body.max_tokens = maxTokens;
  if (request.system.length > 0) body.system = encodeSystem(request.system);
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stream) body.stream = true;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (thinking !== undefined) body.thinking = thinking;
  encodeTools(request, body, extras?.tools as WireObject[] | undefined);
  const outputConfig = encodeOutputConfig(request);
  if (outputConfig !== undefined) body.output_config = outputConfig;
  if (extras !== undefined) {
    for (const key in extras) if (key !== 'tools') body[key] = extras[key];
  }
  return body;
}

function encodeSystem(parts: ContentPart[]): string | WireObject[] {
  if (parts.length === 1 && parts[0].type === 'text') return parts[0].text;
  return parts.map((part, i) => {
    if (part.type !== 'text')
      throw unsupportedField(`system[${i}]`, `a '${part.type}' part in system instructions`);
    return { type: 'text', text: part.text };
  });
}

function encodeMessages(messages: CanonicalMessage[]): WireObject[] {
  const out: WireObject[] = [];
  let last: { role: string; content: WireObject[] } | undefined;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const role = message.role === 'tool' ? 'user' : message.role;
    const blocks: WireObject[] = [];
    for (let j = 0; j < message.content.length; j++) {
      const block = encodeBlock(message.content[j], `messages[${i}].content[${j}]`);
      if (block !== undefined) blocks.push(block);
    }
    // Tool results and the user text after them form one user turn, results first.
    if (last !== undefined && role === 'user' && last.role === 'user') {
      last.content.push(...blocks);
      continue;
    }
    last = { role, content: blocks };
    out.push(last);
  }
  for (const message of out) {
    const content = message.content as WireObject[];
    if (content.length === 1 && content[0].type === 'text') message.content = content[0].text;
  }
  return out;
}

function encodeThinking(request: CanonicalRequest): WireObject | undefined {
  const reasoning = request.reasoning;
  if (reasoning === undefined || !reasoning.enabled) return undefined;
  const budget =
    reasoning.budgetTokens ??
    (reasoning.effort !== undefined ? budgetForEffort(reasoning.effort) : undefined);
  if (budget === undefined) return { type: 'adaptive' };
  if (budget < 1024)
    throw invalidField('thinking.budget_tokens', 'Anthropic needs a thinking budget of at least 1024 tokens');
  return { type: 'enabled', budget_tokens: budget };
}

function encodeTools(
  request: CanonicalRequest,
  body: WireObject,
  serverTools: WireObject[] | undefined,
): void {
  if (request.tools !== undefined || serverTools !== undefined) {
    const tools: WireObject[] = (request.tools ?? []).map((tool) => {
      const wire: WireObject = { name: tool.name, input_schema: tool.parameters };
      if (tool.description !== undefined) wire.description = tool.description;
      if (tool.strict !== undefined) wire.strict = tool.strict;
      return wire;
    });
    if (serverTools !== undefined) tools.push(...serverTools);
    body.tools = tools;
  }
  const choice = request.toolChoice;
  const disableParallel = request.parallelToolCalls === false;
  if (choice === undefined) {
    if (disableParallel && request.tools !== undefined)
      body.tool_choice = { type: 'auto', disable_parallel_tool_use: true };
    return;
  }
  let wire: WireObject;
  switch (choice.type) {
    case 'auto':
      wire = { type: 'auto' };
      break;
    case 'none':
      body.tool_choice = { type: 'none' };
      return;
    case 'required':
      wire = { type: 'any' };
      break;
    case 'tool':
      wire = { type: 'tool', name: choice.name };
      break;
  }
  if (disableParallel) wire.disable_parallel_tool_use = true;
  body.tool_choice = wire;
}

function encodeOutputConfig(request: CanonicalRequest): WireObject | undefined {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    throw unsupportedField(
      'response_format',
      "Anthropic has no schemaless JSON mode; use a 'json_schema' response format",
    );
  }
  return { format: { type: 'json_schema', schema: format.schema } };
}
