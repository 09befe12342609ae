import { randomChars } from '../fake/ids';
import { jsonReply } from '../fake/reply';
import { openaiHeaders } from './openai-errors';
import { jsonModelRoute } from './openai-route';

const CATEGORIES = [
  'hate',
  'hate/threatening',
  'harassment',
  'harassment/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** Words that flag a category, so tests can get a flagged result on purpose. */
const TRIGGERS: Partial<Record<(typeof CATEGORIES)[number], RegExp>> = {
  violence: /\b(kill|murder|attack)\b/i,
  hate: /\bhate\b/i,
  harassment: /\b(idiot|stupid)\b/i,
  'self-harm': /\bhurt myself\b/i,
};

function inputTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  return input.map((item: unknown) =>
    typeof item === 'string'
      ? item
      : (item as { type?: string; text?: string }).type === 'text'
        ? ((item as { text?: string }).text ?? '')
        : '',
  );
}

/** `POST /v1/moderations`: one result per input, flagged by a few trigger words. */
export const moderationsRoute = jsonModelRoute('/moderations', 'CreateModerationRequest', (request) => {
  const body = request.body as { model?: string; input: unknown };
  const results = inputTexts(body.input).map((text) => {
    const hits = new Set(CATEGORIES.filter((c) => TRIGGERS[c]?.test(text)));
    return {
      flagged: hits.size > 0,
      categories: Object.fromEntries(CATEGORIES.map((c) => [c, hits.has(c)])),
      category_scores: Object.fromEntries(CATEGORIES.map((c) => [c, hits.has(c) ? 0.97 : 0.0001])),
      category_applied_input_types: Object.fromEntries(CATEGORIES.map((c) => [c, ['text']])),
    };
  });
  return jsonReply(
    200,
    { id: `modr-${randomChars(24)}`, model: body.model ?? 'omni-moderation-latest', results },
    openaiHeaders(),
  );
});
