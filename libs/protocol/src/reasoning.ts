import type { ReasoningEffort } from './canonical';

/**
 * Effort <-> token budget, for formats that speak one and not the other. The budgets follow the
 * ranges Anthropic and Google document for extended thinking (Anthropic's minimum is 1024).
 */
const BUDGET_BY_EFFORT: Record<ReasoningEffort, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 24576,
  max: 32768,
};

export function budgetForEffort(effort: ReasoningEffort): number {
  return BUDGET_BY_EFFORT[effort];
}

export function effortForBudget(budget: number): ReasoningEffort {
  if (budget <= 1024) return 'minimal';
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 16384) return 'high';
  if (budget <= 24576) return 'xhigh';
  return 'max';
}

export function isReasoningEffort(value: unknown): value is ReasoningEffort {
  return typeof value === 'string' && value in BUDGET_BY_EFFORT;
}
