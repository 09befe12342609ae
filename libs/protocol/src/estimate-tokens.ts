import type { CanonicalRequest, ContentPart } from './canonical';

/** Rough constants: ~4 characters per token, a few tokens of framing per message. */
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 4;
const TOKENS_PER_REQUEST = 3;
const TOKENS_PER_TOOL = 8;
/** An image costs about what OpenAI charges a 1024x1024 high-detail image. */
const TOKENS_PER_IMAGE = 765;

/**
 * A cheap local estimate of a request's input tokens (no tokenizer): for budget reservations and
 * count_tokens answers. It errs on the high side for code and non-Latin text less than a
 * tokenizer would; the settled usage from the provider always replaces it.
 */
export function estimateInputTokens(request: CanonicalRequest): number {
  let chars = 0;
  let tokens = TOKENS_PER_REQUEST;
  for (const part of request.system) chars += partChars(part);
  if (request.system.length > 0) tokens += TOKENS_PER_MESSAGE;
  for (const message of request.messages) {
    tokens += TOKENS_PER_MESSAGE;
    for (const part of message.content) {
      if (part.type === 'image') tokens += TOKENS_PER_IMAGE;
      else chars += partChars(part);
    }
  }
  if (request.tools !== undefined) {
    for (const tool of request.tools) {
      tokens += TOKENS_PER_TOOL;
      chars += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.parameters).length;
    }
  }
  if (request.responseFormat?.type === 'json_schema')
    chars += JSON.stringify(request.responseFormat.schema).length;
  return tokens + Math.ceil(chars / CHARS_PER_TOKEN);
}

function partChars(part: ContentPart): number {
  switch (part.type) {
    case 'text':
    case 'thinking':
      return part.text.length;
    case 'tool_call':
      return part.name.length + part.arguments.length;
    case 'tool_result':
      if (typeof part.content === 'string') return part.content.length;
      return part.content.reduce(
        (n, p) => n + (p.type === 'text' ? p.text.length : TOKENS_PER_IMAGE * CHARS_PER_TOKEN),
        0,
      );
    case 'audio':
    case 'file':
      // Base64 carries 3 bytes in 4 characters; count the decoded bytes as characters.
      return Math.ceil(((part.type === 'file' ? part.data?.length : part.data.length) ?? 0) * 0.75);
    case 'image':
      return TOKENS_PER_IMAGE * CHARS_PER_TOKEN;
  }
}
