import type { RequestFacts } from '../fake/completion';
import type { FakeRequest } from '../fake/request';
import { header } from '../fake/request';
import { invalid, VALID, type ValidationResult } from '../specs/validation';

interface Block {
  type?: string;
  text?: string;
  id?: string;
  tool_use_id?: string;
}

interface Message {
  role: string;
  content: string | Block[];
}

export interface MessagesRequestBody {
  model: string;
  messages: Message[];
  system?: string | Block[];
  max_tokens?: number;
  stream?: boolean;
  thinking?: { type: string; budget_tokens?: number };
}

/** Beta calls: the SDK's `client.beta.messages` adds `?beta=true` and an `anthropic-beta` header. */
export function isBetaRequest(request: FakeRequest): boolean {
  return request.query.get('beta') === 'true' || header(request, 'anthropic-beta') !== undefined;
}

export function blocksText(content: string | Block[] | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? [])
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .join('\n');
}

export function messagesFacts(body: MessagesRequestBody): RequestFacts {
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  return {
    lastUserText: lastUser ? blocksText(lastUser.content) : '',
    promptText: [blocksText(body.system), ...body.messages.map((m) => blocksText(m.content))].join('\n'),
    model: body.model,
    body,
  };
}

/**
 * Rules the API enforces beyond the schema: no `system` role in messages, a thinking budget below
 * `max_tokens`, and `tool_result` blocks answering exactly the `tool_use` blocks just before them.
 */
export function checkMessagesRules(body: MessagesRequestBody): ValidationResult {
  const systemAt = body.messages.findIndex((m) => m.role === 'system');
  if (systemAt !== -1) {
    return invalid(
      `/messages/${systemAt}/role Unexpected role "system". The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`,
    );
  }
  if (
    body.thinking?.type === 'enabled' &&
    body.max_tokens !== undefined &&
    (body.thinking.budget_tokens ?? 0) >= body.max_tokens
  ) {
    return invalid('/max_tokens `max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  let pending: string[] = [];
  for (const [i, message] of body.messages.entries()) {
    const blocks = typeof message.content === 'string' ? [] : message.content;
    const results = blocks.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id ?? '');
    const unexpected = results.filter((id) => !pending.includes(id));
    if (unexpected.length > 0) {
      return invalid(
        `/messages/${i}/content unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
    const unanswered = pending.filter((id) => !results.includes(id));
    if (unanswered.length > 0) {
      return invalid(
        `/messages/${i} \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    pending =
      message.role === 'assistant' ? blocks.filter((b) => b.type === 'tool_use').map((b) => b.id ?? '') : [];
  }
  return VALID;
}
