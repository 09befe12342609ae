import type { RequestFacts } from '../fake/completion';
import { invalid, VALID, type ValidationResult } from '../specs/validation';

interface Part {
  text?: string;
}

interface Content {
  role?: string;
  parts?: Part[];
}

/** The fields of a GenerateContentRequest the fake reads (either JSON spelling). */
export interface GenerateContentBody {
  contents?: Content[];
  systemInstruction?: Content;
  system_instruction?: Content;
}

const partsText = (content: Content | undefined) =>
  (content?.parts ?? [])
    .map((p) => p.text)
    .filter((t): t is string => typeof t === 'string')
    .join('\n');

export function contentFacts(body: GenerateContentBody, model: string): RequestFacts {
  const contents = body.contents ?? [];
  const lastUser = [...contents].reverse().find((c) => c.role === undefined || c.role === 'user');
  return {
    lastUserText: partsText(lastUser),
    promptText: [
      partsText(body.systemInstruction ?? body.system_instruction),
      ...contents.map(partsText),
    ].join('\n'),
    model,
    body,
  };
}

const ROLES = new Set(['user', 'model']);

/** Beyond the protos: the API accepts only the roles `user` and `model` in `contents`. */
export function checkContentRules(body: GenerateContentBody): ValidationResult {
  const bad = (body.contents ?? []).findIndex(
    (c) => c.role !== undefined && c.role !== '' && !ROLES.has(c.role),
  );
  return bad === -1 ? VALID : invalid(`/contents/${bad}/role Please use a valid role: user, model.`);
}
