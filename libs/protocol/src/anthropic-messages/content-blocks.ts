import type { ContentPart, ImageSource } from '../canonical';
import {
  asArray,
  asObject,
  asString,
  invalidField,
  optBoolean,
  parseArgumentsObject,
  unsupportedField,
  type WireObject,
} from '../util/wire-reader';

type ToolResultPart = Extract<ContentPart, { type: 'text' } | { type: 'image' }>;

/** One request content block (user or assistant turn) -> canonical part. */
export function decodeBlock(block: WireObject, field: string): ContentPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: asString(block.text, `${field}.text`) };
    case 'image':
      return {
        type: 'image',
        source: decodeImageSource(asObject(block.source, `${field}.source`), `${field}.source`),
      };
    case 'document':
      return decodeDocument(asObject(block.source, `${field}.source`), `${field}.source`);
    case 'tool_use': {
      const input = asObject(block.input, `${field}.input`);
      return {
        type: 'tool_call',
        id: asString(block.id, `${field}.id`),
        name: asString(block.name, `${field}.name`),
        arguments: JSON.stringify(input),
      };
    }
    case 'tool_result': {
      const part: ContentPart = {
        type: 'tool_result',
        toolCallId: asString(block.tool_use_id, `${field}.tool_use_id`),
        content: decodeToolResultContent(block.content, `${field}.content`),
      };
      const isError = optBoolean(block.is_error, `${field}.is_error`);
      if (isError !== undefined) part.isError = isError;
      return part;
    }
    case 'thinking':
      return {
        type: 'thinking',
        text: asString(block.thinking, `${field}.thinking`),
        signature: asString(block.signature, `${field}.signature`),
      };
    case 'redacted_thinking':
      return { type: 'thinking', text: '', signature: asString(block.data, `${field}.data`), redacted: true };
    default:
      throw unsupportedField(
        `${field}.type`,
        `content block type '${String(block.type)}' has no translation`,
      );
  }
}

function decodeImageSource(source: WireObject, field: string): ImageSource {
  switch (source.type) {
    case 'base64':
      return {
        kind: 'base64',
        mediaType: asString(source.media_type, `${field}.media_type`),
        data: asString(source.data, `${field}.data`),
      };
    case 'url':
      return { kind: 'url', url: asString(source.url, `${field}.url`) };
    default:
      throw unsupportedField(`${field}.type`, `image source '${String(source.type)}'`);
  }
}

function decodeDocument(source: WireObject, field: string): ContentPart {
  switch (source.type) {
    case 'base64':
      return {
        type: 'file',
        mediaType: asString(source.media_type, `${field}.media_type`),
        data: asString(source.data, `${field}.data`),
      };
    case 'url':
      return { type: 'file', mediaType: 'application/pdf', url: asString(source.url, `${field}.url`) };
    case 'text':
      return {
        type: 'file',
        mediaType: 'text/plain',
        data: Buffer.from(asString(source.data, `${field}.data`), 'utf8').toString('base64'),
      };
    default:
      throw unsupportedField(`${field}.type`, `document source '${String(source.type)}'`);
  }
}

function decodeToolResultContent(content: unknown, field: string): string | ToolResultPart[] {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  const blocks = asArray(content, field);
  const out: ToolResultPart[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = asObject(blocks[i], `${field}[${i}]`);
    const part = decodeBlock(block, `${field}[${i}]`);
    if (part.type !== 'text' && part.type !== 'image')
      throw unsupportedField(`${field}[${i}].type`, `'${String(block.type)}' inside a tool result`);
    out.push(part);
  }
  return out;
}

/** Canonical part -> request/response content block. `field` names the part in errors. */
export function encodeBlock(part: ContentPart, field: string): WireObject | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return { type: 'image', source: encodeImageSource(part.source) };
    case 'file':
      if (part.data !== undefined)
        return { type: 'document', source: { type: 'base64', media_type: part.mediaType, data: part.data } };
      if (part.url !== undefined) return { type: 'document', source: { type: 'url', url: part.url } };
      throw invalidField(field, 'a file part needs data or url');
    case 'audio':
      throw unsupportedField(field, 'Anthropic Messages takes no audio input');
    case 'tool_call':
      return {
        type: 'tool_use',
        id: part.id,
        name: part.name,
        input: parseArgumentsObject(part.arguments, `${field}.arguments`),
      };
    case 'tool_result': {
      const block: WireObject = {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: encodeToolResultContent(part.content),
      };
      if (part.isError) block.is_error = true;
      return block;
    }
    case 'thinking':
      if (part.redacted) return { type: 'redacted_thinking', data: part.signature ?? '' };
      // Anthropic rejects thinking it did not sign; unsigned reasoning from another provider is left out.
      if (part.signature === undefined) return undefined;
      return { type: 'thinking', thinking: part.text, signature: part.signature };
  }
}

function encodeImageSource(source: ImageSource): WireObject {
  return source.kind === 'url'
    ? { type: 'url', url: source.url }
    : { type: 'base64', media_type: source.mediaType, data: source.data };
}

function encodeToolResultContent(content: string | ToolResultPart[]): string | WireObject[] {
  if (typeof content === 'string') return content;
  return content.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image', source: encodeImageSource(part.source) },
  );
}
