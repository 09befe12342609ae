import type { CanonicalMessage, CanonicalRequest, ContentPart, ToolResultContent } from '../canonical';
import { extrasFor } from '../extras';
import { toDataUrl } from '../images';
import { effortForBudget } from '../reasoning';
import { unsupportedField, type WireObject } from '../util/wire-reader';

/** Canonical request -> OpenAI Chat Completions body for `providerModel`. */
export function encodeOpenAIRequest(request: CanonicalRequest, providerModel: string): WireObject {
  if (request.topK !== undefined) throw unsupportedField('top_k', 'OpenAI Chat Completions has no top_k');
  const body: WireObject = { model: providerModel, messages: encodeMessages(request) };
  if (request.tools !== undefined) {
    body.tools = request.tools.map((tool) => {
      const fn: WireObject = { name: tool.name, parameters: tool.parameters };
      if (tool.description !== undefined) fn.description = tool.description;
      if (tool.strict !== undefined) fn.strict = tool.strict;
      return { type: 'function', function: fn };
    });
  }
  if (request.toolChoice !== undefined) {
    const choice = request.toolChoice;
    body.tool_choice =
      choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
  }
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxTokens !== undefined) body.max_completion_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.n !== undefined) body.n = request.n;
  const format = request.responseFormat;
  if (format !== undefined) {
    if (format.type === 'json_schema') {
      const spec: WireObject = { name: format.name, schema: format.schema };
      if (format.strict !== undefined) spec.strict = format.strict;
      if (format.description !== undefined) spec.description = format.description;
      body.response_format = { type: 'json_schema', json_schema: spec };
    } else {
      body.response_format = { type: format.type };
    }
  }
  const reasoning = request.reasoning;
  // Reasoning switched off is left to the model's default: non-reasoning models reject any reasoning_effort.
  if (reasoning?.enabled) {
    if (reasoning.effort !== undefined) body.reasoning_effort = reasoning.effort;
    else if (reasoning.budgetTokens !== undefined)
      body.reasoning_effort = effortForBudget(reasoning.budgetTokens);
  }
  if (request.stream) {
    body.stream = true;
    // The gateway always needs usage to settle the budget; the surface decides what the client sees.
    body.stream_options = { include_usage: true };
  }
  if (request.user !== undefined) body.user = request.user;
  const extras = extrasFor(request, 'openai-chat');
  if (extras !== undefined) Object.assign(body, extras);
  return body;
}

function encodeMessages(request: CanonicalRequest): WireObject[] {
  const out: WireObject[] = [];
  if (request.system.length > 0) out.push({ role: 'system', content: textOnly(request.system, 'system') });
  const messages = request.messages;
  for (let i = 0; i < messages.length; i++) encodeMessage(messages[i], `messages[${i}]`, out);
  return out;
}

function encodeMessage(message: CanonicalMessage, field: string, out: WireObject[]): void {
  switch (message.role) {
    case 'system':
      out.push({ role: 'system', content: textOnly(message.content, field) });
      return;
    case 'user':
      out.push(named({ role: 'user', content: encodeUserContent(message.content, field) }, message));
      return;
    case 'assistant':
      out.push(named(encodeAssistant(message.content, field), message));
      return;
    case 'tool':
      for (const part of message.content) {
        if (part.type === 'tool_result') {
          out.push({
            role: 'tool',
            tool_call_id: part.toolCallId,
            content: toolResultText(part.content, field),
          });
        } else if (part.type === 'text') {
          // Text beside tool results (Anthropic allows it in the same user turn) follows as a user message.
          out.push({ role: 'user', content: part.text });
        } else {
          throw unsupportedField(`${field}.content`, `a '${part.type}' part in a tool message`);
        }
      }
      return;
  }
}

function named(wire: WireObject, message: CanonicalMessage): WireObject {
  if (message.name !== undefined) wire.name = message.name;
  return wire;
}

function textOnly(parts: ContentPart[], field: string): string {
  let text = '';
  for (const part of parts) {
    if (part.type !== 'text') throw unsupportedField(field, `a '${part.type}' part in system instructions`);
    text = text === '' ? part.text : `${text}\n\n${part.text}`;
  }
  return text;
}

function encodeUserContent(parts: ContentPart[], field: string): string | WireObject[] {
  if (parts.length === 1 && parts[0].type === 'text') return parts[0].text;
  const out: WireObject[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        out.push({ type: 'text', text: part.text });
        break;
      case 'image': {
        const url =
          part.source.kind === 'url' ? part.source.url : toDataUrl(part.source.mediaType, part.source.data);
        const image: WireObject = { url };
        if (part.detail !== undefined) image.detail = part.detail;
        out.push({ type: 'image_url', image_url: image });
        break;
      }
      case 'audio':
        out.push({
          type: 'input_audio',
          input_audio: { data: part.data, format: audioFormat(part.mediaType, field) },
        });
        break;
      case 'file': {
        if (part.data === undefined)
          throw unsupportedField(`${field}.content`, 'a file given by URL; OpenAI needs the file bytes');
        const file: WireObject = { file_data: toDataUrl(part.mediaType, part.data) };
        if (part.name !== undefined) file.filename = part.name;
        out.push({ type: 'file', file });
        break;
      }
      default:
        throw unsupportedField(`${field}.content`, `a '${part.type}' part in a user message`);
    }
  }
  return out;
}

function audioFormat(mediaType: string, field: string): string {
  const sub = mediaType.slice(mediaType.indexOf('/') + 1);
  if (sub === 'wav' || sub === 'x-wav' || sub === 'wave') return 'wav';
  if (sub === 'mp3' || sub === 'mpeg') return 'mp3';
  throw unsupportedField(`${field}.content`, `audio of type '${mediaType}'; OpenAI takes wav or mp3`);
}

function encodeAssistant(parts: ContentPart[], field: string): WireObject {
  const wire: WireObject = { role: 'assistant' };
  let text: string | undefined;
  let refusal: string | undefined;
  let calls: WireObject[] | undefined;
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        if (part.refusal) refusal = (refusal ?? '') + part.text;
        else text = (text ?? '') + part.text;
        break;
      case 'tool_call':
        (calls ??= []).push({
          id: part.id,
          type: 'function',
          function: { name: part.name, arguments: part.arguments },
        });
        break;
      case 'thinking':
        // Chat Completions takes no reasoning back; the model does not need it.
        break;
      default:
        throw unsupportedField(`${field}.content`, `a '${part.type}' part in an assistant message`);
    }
  }
  wire.content = text ?? null;
  if (refusal !== undefined) wire.refusal = refusal;
  if (calls !== undefined) wire.tool_calls = calls;
  return wire;
}

function toolResultText(content: ToolResultContent, field: string): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) {
    if (part.type !== 'text')
      throw unsupportedField(
        `${field}.content`,
        'images inside a tool result; OpenAI tool messages carry text only',
      );
    text += part.text;
  }
  return text;
}
