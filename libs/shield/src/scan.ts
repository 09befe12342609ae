import { ENTITY_TYPES, type EntityType, type Finding } from './entities';
import { DETECTORS, detectorsFor } from './detectors/registry';
import type { Detector } from './detectors/detector';
import { countDigits } from './text/match';
import { resolveOverlaps } from './overlaps';

export interface ScanOptions {
  /** Only report these entity types (default: all). */
  entities?: readonly EntityType[];
}

const ALL_TYPES: ReadonlySet<EntityType> = new Set(ENTITY_TYPES);

/** Runs `detectors` over `text` and keeps the findings of `types`, overlaps resolved. */
export function runDetectors(
  text: string,
  detectors: readonly Detector[],
  types: ReadonlySet<EntityType>,
): Finding[] {
  const profile = { digits: countDigits(text) };
  const raw: Finding[] = [];
  for (const d of detectors) d.detect(text, profile, raw);
  const wanted = types.size === ALL_TYPES.size ? raw : raw.filter((f) => types.has(f.type));
  return resolveOverlaps(wanted);
}

/** Finds PII and secrets in `text`. Pure, synchronous, linear in the text length. */
export function scan(text: string, options: ScanOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  if (!options.entities) return runDetectors(text, DETECTORS, ALL_TYPES);
  const types = new Set(options.entities);
  return runDetectors(text, detectorsFor(types), types);
}
