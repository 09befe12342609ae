import type { RequestFacts } from '../fake/completion';

interface InputItem {
  type?: string;
  role?: string;
  content?: unknown;
}

export interface ResponsesRequestBody {
  model: string;
  input?: string | InputItem[];
  instructions?: string | null;
  stream?: boolean | null;
  tools?: unknown[];
  tool_choice?: unknown;
  max_output_tokens?: number | null;
  include?: string[] | null;
}

function itemText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: unknown }) =>
      part?.type === 'input_text' && typeof part.text === 'string' ? part.text : '',
    )
    .filter(Boolean)
    .join('\n');
}

export function responsesFacts(body: ResponsesRequestBody): RequestFacts {
  const items = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
  const lastUser = [...items].reverse().find((item) => item.role === 'user');
  return {
    lastUserText: lastUser ? itemText(lastUser.content) : '',
    promptText: [body.instructions ?? '', ...items.map((item) => itemText(item.content))].join('\n'),
    model: body.model,
    body,
  };
}
