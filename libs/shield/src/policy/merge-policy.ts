import type { EntityKey, EntityOverride, ShieldPolicy, ShieldPolicyOverride } from './policy';

/** `base` with the fields of `over` that are set (undefined fields do not erase). */
function overlay<T extends object>(base: T, over: Partial<T> | undefined): T {
  const out = { ...base };
  if (!over) return out;
  for (const [key, value] of Object.entries(over)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function mergeEntity(base: EntityOverride | undefined, over: EntityOverride): EntityOverride {
  if (typeof over === 'string' || base === undefined) return over;
  const baseAsObject = typeof base === 'string' ? { pre: base, post: base } : base;
  return overlay(baseAsObject, over);
}

/**
 * The policy for one virtual key: the fields `keyOverride` sets replace `base`'s, per direction
 * and class and per entity type (a per-direction entity override keeps the other direction).
 * Neither argument is modified. An override may loosen the base as well as tighten it: who may
 * set overrides is the admin API's concern.
 */
export function mergePolicy(base: ShieldPolicy, keyOverride: ShieldPolicyOverride | undefined): ShieldPolicy {
  const o = keyOverride ?? {};
  const entities = { ...base.entities };
  for (const [key, value] of Object.entries(o.entities ?? {})) {
    if (value !== undefined) entities[key as EntityKey] = mergeEntity(base.entities[key as EntityKey], value);
  }
  return {
    pre: overlay(base.pre, o.pre),
    post: overlay(base.post, o.post),
    entities,
    fail_mode: o.fail_mode ?? base.fail_mode,
  };
}
