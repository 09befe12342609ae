import type { EntityClass, EntityType } from '../entities';
import { entityClass } from '../entities';

export const ACTIONS = ['block', 'redact', 'log', 'off'] as const;
export type Action = (typeof ACTIONS)[number];
export type Direction = 'pre' | 'post';
export const FAIL_MODES = ['closed', 'open'] as const;
export type FailMode = (typeof FAIL_MODES)[number];

/** The policy keys of the two entity classes, as written in the YAML config. */
export interface ClassActions {
  pii: Action;
  secrets: Action;
}

/** An entity-type override: one action for both directions, or one per direction. */
export type EntityOverride = Action | Partial<Record<Direction, Action>>;

/** Lower-case entity type names, as written in the YAML config: `ip_address`, `credit_card`... */
export type EntityKey = Lowercase<EntityType>;

export interface ShieldPolicy {
  pre: ClassActions;
  post: ClassActions;
  entities: Partial<Record<EntityKey, EntityOverride>>;
  /** What the pipeline does when Shield itself fails: refuse the request (closed) or let it through (open). */
  fail_mode: FailMode;
}

/** A partial policy: the shape of a per-virtual-key override, and of the config before defaults. */
export interface ShieldPolicyOverride {
  pre?: Partial<ClassActions>;
  post?: Partial<ClassActions>;
  entities?: Partial<Record<EntityKey, EntityOverride>>;
  fail_mode?: FailMode;
}

export const DEFAULT_SHIELD_POLICY: Readonly<ShieldPolicy> = Object.freeze({
  pre: Object.freeze({ pii: 'redact', secrets: 'block' }),
  post: Object.freeze({ pii: 'redact', secrets: 'redact' }),
  entities: Object.freeze({}),
  fail_mode: 'closed',
} as ShieldPolicy);

const CLASS_KEY: Record<EntityClass, keyof ClassActions> = { pii: 'pii', secret: 'secrets' };

export function entityKey(type: EntityType): EntityKey {
  return type.toLowerCase() as EntityKey;
}

/** The action `policy` takes on `type` in `direction`: the entity override if any, else its class's. */
export function actionFor(policy: ShieldPolicy, type: EntityType, direction: Direction): Action {
  const override = policy.entities[entityKey(type)];
  if (typeof override === 'string') return override;
  const perDirection = override?.[direction];
  if (perDirection) return perDirection;
  return policy[direction][CLASS_KEY[entityClass(type)]];
}

/** The fail mode of a policy that may be missing or malformed: closed unless it says open. */
export function failModeOf(policy: unknown): FailMode {
  const mode = (policy as { fail_mode?: unknown } | null | undefined)?.fail_mode;
  return mode === 'open' ? 'open' : 'closed';
}
