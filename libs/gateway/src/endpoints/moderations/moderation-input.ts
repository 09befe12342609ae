import { GatewayError } from '@verosek/protocol';

type Body = Record<string, unknown>;

/** The default model of `POST /v1/moderations`, as in the API. */
export const DEFAULT_MODERATION_MODEL = 'omni-moderation-latest';

export interface ModerationRequest {
  body: Body;
  model: string;
  /** The text inputs, in order (image inputs are not text; they pass through untouched). */
  texts: string[];
  visitTexts(map: (text: string) => string): void;
}

/** Validates a moderation body: `input` a string, strings, or `text` / `image_url` parts. */
export function parseModerationRequest(raw: unknown): ModerationRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid('body', 'expected a JSON object');
  const body = raw as Body;
  if (body.model !== undefined && (typeof body.model !== 'string' || body.model === ''))
    throw invalid('model', 'expected a string');
  const model = (body.model as string | undefined) ?? DEFAULT_MODERATION_MODEL;
  const slots = textSlots(body);
  return {
    body,
    model,
    texts: slots.map((slot) => slot.get()),
    visitTexts: (map) => slots.forEach((slot) => slot.set(map(slot.get()))),
  };
}

interface Slot {
  get(): string;
  set(text: string): void;
}

function textSlots(body: Body): Slot[] {
  const input = body.input;
  if (typeof input === 'string') return [{ get: () => body.input as string, set: (t) => (body.input = t) }];
  if (!Array.isArray(input) || input.length === 0)
    throw invalid('input', 'expected a string or a non-empty array');
  return input.flatMap((item: unknown, i): Slot[] => {
    if (typeof item === 'string') return [{ get: () => input[i] as string, set: (t) => (input[i] = t) }];
    const part = item as Body | null;
    if (part?.type === 'text' && typeof part.text === 'string')
      return [{ get: () => part.text as string, set: (t) => (part.text = t) }];
    if (part?.type === 'image_url') return [];
    throw invalid(`input[${i}]`, "expected a string, a 'text' part or an 'image_url' part");
  });
}

function invalid(field: string, problem: string): GatewayError {
  return GatewayError.invalid(`Invalid '${field}': ${problem}`, field);
}
