import type { RequestFacts } from '../fake/completion';
import { invalid, VALID, type ValidationResult } from '../specs/validation';

interface Part {
  text?: string;
}

interface Content {
  role?: string;
  parts?: Part[];
}

interface GenerationConfig {
  responseModalities?: string[];
  response_modalities?: string[];
}

/** The fields of a GenerateContentRequest the fake reads (either JSON spelling). */
export interface GenerateContentBody {
  contents?: Content[];
  systemInstruction?: Content;
  system_instruction?: Content;
  generationConfig?: GenerationConfig;
  generation_config?: GenerationConfig;
}

/** Whether the request asks for image output (`generationConfig.responseModalities` has IMAGE). */
export function wantsImage(body: GenerateContentBody): boolean {
  const config = body.generationConfig ?? body.generation_config;
  return (config?.responseModalities ?? config?.response_modalities ?? []).includes('IMAGE');
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

/**
 * Beyond the protos: the API accepts only the roles `user` and `model` in `contents`, and image
 * output only from image models (`gemini-2.5-flash-image`...).
 */
export function checkContentRules(body: GenerateContentBody, model: string): ValidationResult {
  const bad = (body.contents ?? []).findIndex(
    (c) => c.role !== undefined && c.role !== '' && !ROLES.has(c.role),
  );
  if (bad !== -1) return invalid(`/contents/${bad}/role Please use a valid role: user, model.`);
  if (wantsImage(body) && !model.includes('image'))
    return invalid(
      '/generationConfig/responseModalities Model does not support the requested response modalities: image',
    );
  return VALID;
}
