import type { EntityType, Finding } from '../entities';
import { runDetectors } from '../scan';
import { directionPlan } from './direction-plan';
import { failModeOf, type Action, type Direction, type ShieldPolicy } from './policy';
import { redactText } from './redact';

export type Verdict = 'allow' | 'redact' | 'block';

/** How many findings of one type a text held, and what the policy did about them. Never the values. */
export interface FindingSummary {
  type: EntityType;
  count: number;
  action: Exclude<Action, 'off'>;
}

export interface EvaluateResult {
  verdict: Verdict;
  /** The input texts with every finding whose action is redact or block replaced by [REDACTED:<TYPE>]. */
  texts: string[];
  findings: FindingSummary[];
  blockedTypes: EntityType[];
  /** Set when Shield could not evaluate; the verdict then follows the policy's fail_mode. */
  error?: string;
}

/** The result when Shield itself fails: block under fail_mode closed (the default), allow under open. */
export function shieldFailure(texts: unknown, policy: unknown, reason: string): EvaluateResult {
  const original = Array.isArray(texts) ? texts.map((t) => (typeof t === 'string' ? t : '')) : [];
  const verdict: Verdict = failModeOf(policy) === 'open' ? 'allow' : 'block';
  return { verdict, texts: original, findings: [], blockedTypes: [], error: reason };
}

function checkInput(texts: unknown, policy: unknown, direction: unknown): asserts texts is string[] {
  if (!Array.isArray(texts)) throw new TypeError('texts must be an array of strings');
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new TypeError(`texts[${i}] must be a string`);
  });
  if (direction !== 'pre' && direction !== 'post') throw new TypeError("direction must be 'pre' or 'post'");
  if (typeof policy !== 'object' || policy === null)
    throw new TypeError('policy must be a validated Shield policy');
}

function evaluateChecked(texts: string[], policy: ShieldPolicy, direction: Direction): EvaluateResult {
  const { actions, types, detectors, cleanPrompts } = directionPlan(policy, direction);
  const counts = new Map<EntityType, number>();
  const out: string[] = [];
  for (const text of texts) {
    const key = cleanPrompts?.keyOf(text);
    if (key && cleanPrompts!.has(key)) {
      out.push(text);
      continue;
    }
    const found = detectors.length === 0 ? [] : runDetectors(text, detectors, types);
    if (key && found.length === 0) cleanPrompts!.add(key);
    const toRedact: Finding[] = [];
    for (const f of found) {
      counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
      if (actions.get(f.type) !== 'log') toRedact.push(f);
    }
    out.push(redactText(text, toRedact));
  }
  const findings: FindingSummary[] = [...counts].map(([type, count]) => ({
    type,
    count,
    action: actions.get(type)!,
  }));
  const blockedTypes = findings.filter((f) => f.action === 'block').map((f) => f.type);
  const verdict: Verdict =
    blockedTypes.length > 0 ? 'block' : findings.some((f) => f.action === 'redact') ? 'redact' : 'allow';
  return { verdict, texts: out, findings, blockedTypes };
}

/**
 * Applies `policy` to the text parts of one request (direction 'pre') or response ('post').
 * Never throws: on bad input or an internal error it returns shieldFailure(), whose verdict follows
 * the policy's fail_mode.
 */
export function evaluate(texts: string[], policy: ShieldPolicy, direction: Direction): EvaluateResult {
  try {
    checkInput(texts, policy, direction);
    return evaluateChecked(texts, policy, direction);
  } catch (error) {
    return shieldFailure(texts, policy, error instanceof Error ? error.message : String(error));
  }
}
