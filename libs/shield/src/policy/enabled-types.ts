import { ENTITY_TYPES, type EntityType } from '../entities';
import { actionFor, type Action, type Direction, type ShieldPolicy } from './policy';

/** The entity types `policy` acts on in `direction` (not 'off'), with their actions. */
export function actionsByType(
  policy: ShieldPolicy,
  direction: Direction,
): Map<EntityType, Exclude<Action, 'off'>> {
  const actions = new Map<EntityType, Exclude<Action, 'off'>>();
  for (const type of ENTITY_TYPES) {
    const action = actionFor(policy, type, direction);
    if (action !== 'off') actions.set(type, action);
  }
  return actions;
}
