import type { ContentPart } from '../canonical';
import {
  asObject,
  asString,
  isObject,
  optString,
  parseArgumentsObject,
  unsupportedField,
  type WireObject,
} from '../util/wire-reader';
import { field } from './fields';

/**
 * One Gemini part with content (text, thought, inline bytes, file reference, function call) ->
 * canonical part. Function responses are paired with their calls by the caller. `callId` names a
 * function call: Gemini gives ids only sometimes, so callers synthesize stable ones.
 */
export function decodeContentPart(part: WireObject, path: string, callId: () => string): ContentPart {
  const signature = optString(field(part, 'thoughtSignature'), `${path}.thoughtSignature`);
  if (typeof part.text === 'string') {
    if (part.thought === true) {
      const thinking: ContentPart = { type: 'thinking', text: part.text };
      if (signature !== undefined) thinking.signature = signature;
      return thinking;
    }
    const text: ContentPart = { type: 'text', text: part.text };
    if (signature !== undefined) text.signature = signature;
    return text;
  }
  const inline = field(part, 'inlineData');
  if (inline !== undefined) {
    const blob = asObject(inline, `${path}.inlineData`);
    const mediaType = asString(field(blob, 'mimeType'), `${path}.inlineData.mimeType`);
    const data = asString(blob.data, `${path}.inlineData.data`);
    if (mediaType.startsWith('image/')) return { type: 'image', source: { kind: 'base64', mediaType, data } };
    if (mediaType.startsWith('audio/')) return { type: 'audio', mediaType, data };
    return { type: 'file', mediaType, data };
  }
  const fileData = field(part, 'fileData');
  if (fileData !== undefined) {
    const file = asObject(fileData, `${path}.fileData`);
    const url = asString(field(file, 'fileUri'), `${path}.fileData.fileUri`);
    const mediaType =
      optString(field(file, 'mimeType'), `${path}.fileData.mimeType`) ?? 'application/octet-stream';
    if (mediaType.startsWith('image/')) return { type: 'image', source: { kind: 'url', url, mediaType } };
    return { type: 'file', mediaType, url };
  }
  const call = field(part, 'functionCall');
  if (call !== undefined) {
    const fc = asObject(call, `${path}.functionCall`);
    const args =
      fc.args === undefined || fc.args === null ? {} : asObject(fc.args, `${path}.functionCall.args`);
    const toolCall: ContentPart = {
      type: 'tool_call',
      id: optString(fc.id, `${path}.functionCall.id`) ?? callId(),
      name: asString(fc.name, `${path}.functionCall.name`),
      arguments: JSON.stringify(args),
    };
    if (signature !== undefined) toolCall.signature = signature;
    return toolCall;
  }
  const kind =
    Object.keys(part).find(
      (key) => key !== 'thoughtSignature' && key !== 'thought_signature' && key !== 'thought',
    ) ?? 'part';
  throw unsupportedField(`${path}.${kind}`, 'this Gemini part has no translation');
}

/** Canonical part -> Gemini part; undefined for parts Gemini cannot take back (redacted thinking). */
export function encodeContentPart(
  part: ContentPart,
  path: string,
  nameOfCall: (id: string) => string,
): WireObject | undefined {
  switch (part.type) {
    case 'text':
      return part.signature === undefined
        ? { text: part.text }
        : { text: part.text, thoughtSignature: part.signature };
    case 'thinking': {
      if (part.redacted) return undefined;
      const wire: WireObject = { text: part.text, thought: true };
      if (part.signature !== undefined) wire.thoughtSignature = part.signature;
      return wire;
    }
    case 'image':
      if (part.source.kind === 'base64')
        return { inlineData: { mimeType: part.source.mediaType, data: part.source.data } };
      return part.source.mediaType
        ? { fileData: { mimeType: part.source.mediaType, fileUri: part.source.url } }
        : { fileData: { fileUri: part.source.url } };
    case 'audio':
      return { inlineData: { mimeType: part.mediaType, data: part.data } };
    case 'file':
      if (part.data !== undefined) return { inlineData: { mimeType: part.mediaType, data: part.data } };
      return { fileData: { mimeType: part.mediaType, fileUri: part.url } };
    case 'tool_call': {
      const wire: WireObject = {
        functionCall: { name: part.name, args: parseArgumentsObject(part.arguments, `${path}.arguments`) },
      };
      if (part.signature !== undefined) wire.thoughtSignature = part.signature;
      return wire;
    }
    case 'tool_result':
      return {
        functionResponse: {
          name: part.name ?? nameOfCall(part.toolCallId),
          response: toolResponse(part.content, path),
        },
      };
  }
}

/** Gemini wants a JSON object back: a JSON-object result goes as is, anything else as `{output}`. */
function toolResponse(
  content: Extract<ContentPart, { type: 'tool_result' }>['content'],
  path: string,
): WireObject {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    text = '';
    for (const part of content) {
      if (part.type !== 'text')
        throw unsupportedField(`${path}.content`, 'images inside a tool result cannot go to Gemini');
      text += part.text;
    }
  }
  const first = text.trimStart().charCodeAt(0);
  if (first === 123 /* { */) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed)) return parsed;
    } catch {
      // not JSON after all: send it as text
    }
  }
  return { output: text };
}
