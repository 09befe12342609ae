import type { RequestFacts } from '../fake/completion';
import { invalid, VALID, type ValidationResult } from '../specs/validation';

interface ChatMessage {
  role?: string;
  content?: unknown;
  tool_calls?: Array<{ id?: string }>;
  tool_call_id?: string;
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  n?: number | null;
}

/** Text of a message's `content`: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: unknown }) =>
      part?.type === 'text' && typeof part.text === 'string' ? part.text : '',
    )
    .filter(Boolean)
    .join('\n');
}

export function chatFacts(body: ChatRequestBody): RequestFacts {
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  return {
    lastUserText: lastUser ? contentText(lastUser.content) : '',
    promptText: body.messages.map((m) => contentText(m.content)).join('\n'),
    model: body.model,
    body,
  };
}

/**
 * Rules the API enforces beyond the schema: `stream_options` only with `stream`, and tool
 * messages answering exactly the tool calls of the assistant message before them.
 */
export function checkChatRules(body: ChatRequestBody): ValidationResult {
  if (body.stream_options && !body.stream) {
    return invalid(
      "/stream_options The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    );
  }
  let open: string[] = [];
  for (const [i, message] of body.messages.entries()) {
    if (message.role === 'tool') {
      if (!open.includes(message.tool_call_id ?? '')) {
        return invalid(
          `/messages/${i}/role messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`,
        );
      }
      open = open.filter((id) => id !== message.tool_call_id);
      continue;
    }
    if (open.length > 0) {
      return invalid(
        `/messages/${i} An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`,
      );
    }
    open = message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id ?? '') : [];
  }
  return VALID;
}
