import { classify, DEFAULT_CLASSIFIER_THRESHOLDS, entityClass, scan } from '@verosek/shield';
import { randomUUID } from 'node:crypto';

/** The model name that asks the gateway's own Shield classifiers instead of a provider. */
export const SHIELD_MODERATION_MODEL = 'verosek-shield';

/** OpenAI's categories: all present in every result, as the API returns them. */
const OPENAI_CATEGORIES = [
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

/**
 * A moderation answer from the Shield alone, in OpenAI's format: the toxicity classifier scores
 * `harassment` (it is trained on insulting, harassing, threatening and hateful text; the other
 * OpenAI categories stay 0), and three categories of the gateway's own are added:
 * `verosek/prompt-injection` (the injection classifier), `verosek/pii` and `verosek/secrets`
 * (1 when the local detectors find any).
 */
export function shieldModeration(texts: string[]): Record<string, unknown> {
  return {
    id: `modr-${randomUUID().replace(/-/g, '')}`,
    model: SHIELD_MODERATION_MODEL,
    results: texts.map(moderate),
  };
}

function moderate(text: string): Record<string, unknown> {
  const scores = classify(text);
  const found = new Set(scan(text).map((finding) => entityClass(finding.type)));
  const categoryScores: Record<string, number> = Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, 0]));
  categoryScores.harassment = scores.toxicity;
  categoryScores['verosek/prompt-injection'] = scores.injection;
  categoryScores['verosek/pii'] = found.has('pii') ? 1 : 0;
  categoryScores['verosek/secrets'] = found.has('secret') ? 1 : 0;
  const threshold: Record<string, number> = {
    harassment: DEFAULT_CLASSIFIER_THRESHOLDS.toxicity,
    'verosek/prompt-injection': DEFAULT_CLASSIFIER_THRESHOLDS.injection,
  };
  const categories = Object.fromEntries(
    Object.entries(categoryScores).map(([c, score]) => [c, score > 0 && score >= (threshold[c] ?? 1)]),
  );
  return {
    flagged: Object.values(categories).some(Boolean),
    categories,
    category_scores: categoryScores,
    category_applied_input_types: Object.fromEntries(Object.keys(categoryScores).map((c) => [c, ['text']])),
  };
}
