import { LRUCache } from 'lru-cache';
import type { EntityType } from '../entities';
import type { Detector } from '../detectors/detector';
import { detectorsFor } from '../detectors/registry';
import { textDigest } from '../text/digest';
import { actionsByType } from './enabled-types';
import type { Action, Direction, ShieldPolicy } from './policy';

/** Prompt texts remembered as clean per policy: a few thousand conversations' system prompts and turns. */
const CLEAN_PROMPTS_REMEMBERED = 20_000;

/**
 * What a policy does in one direction, worked out once per policy object (a validated policy is
 * not changed afterwards) instead of on every call.
 */
export interface DirectionPlan {
  actions: Map<EntityType, Exclude<Action, 'off'>>;
  types: Set<EntityType>;
  detectors: Detector[];
  /** Set for 'pre': remembers the prompts in which this plan found nothing (see CleanPrompts). */
  cleanPrompts?: CleanPrompts;
}

/**
 * Prompt texts in which no detector of a plan found anything, by SHA-256 of the text (the text itself
 * is not kept). A chat client sends the whole conversation on every call: the system prompt and the
 * earlier turns are not scanned again. Answers are new on every call, so 'post' remembers none. One
 * bounded LRU for every plan, so that many keys with their own policy cost no more memory.
 */
export class CleanPrompts {
  private static readonly seen = new LRUCache<string, true>({ max: CLEAN_PROMPTS_REMEMBERED });
  private static plans = 0;
  private readonly prefix = `${(CleanPrompts.plans += 1)}:`;

  /** The text's key, for has() and add(). */
  keyOf(text: string): string {
    return this.prefix + textDigest(text);
  }

  has(key: string): boolean {
    return CleanPrompts.seen.has(key);
  }

  add(key: string): void {
    CleanPrompts.seen.set(key, true);
  }
}

const plans = new WeakMap<ShieldPolicy, Partial<Record<Direction, DirectionPlan>>>();

export function directionPlan(policy: ShieldPolicy, direction: Direction): DirectionPlan {
  let byDirection = plans.get(policy);
  if (!byDirection) plans.set(policy, (byDirection = {}));
  return (byDirection[direction] ??= newPlan(policy, direction));
}

function newPlan(policy: ShieldPolicy, direction: Direction): DirectionPlan {
  const actions = actionsByType(policy, direction);
  const types = new Set(actions.keys());
  const detectors = detectorsFor(types);
  return {
    actions,
    types,
    detectors,
    // With no detector there is nothing to scan, so nothing worth remembering.
    cleanPrompts: direction === 'pre' && detectors.length > 0 ? new CleanPrompts() : undefined,
  };
}
