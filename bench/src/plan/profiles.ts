import type { LoadShape } from '../load/load-protocol';

/** One load pattern of the benchmark. */
export interface Profile {
  id: string;
  label: string;
  shape: LoadShape;
  stream: boolean;
}

export const FIXED_RATES = [200, 500] as const;

/** 1 in flight, the fixed rates and saturation, each plain and streamed. */
export function benchProfiles(saturationConnections: number): Profile[] {
  const shapes: { id: string; label: string; shape: LoadShape }[] = [
    { id: 'serial', label: '1 in flight', shape: { kind: 'closed', concurrency: 1 } },
    ...FIXED_RATES.map((rate) => ({
      id: `rate${rate}`,
      label: `${rate} req/s`,
      shape: { kind: 'open', rate } as LoadShape,
    })),
    {
      id: 'saturation',
      label: `saturation (${saturationConnections} in flight)`,
      shape: { kind: 'closed', concurrency: saturationConnections },
    },
  ];
  return [false, true].flatMap((stream) =>
    shapes.map(({ id, label, shape }) => ({
      id: `${id}-${stream ? 'stream' : 'plain'}`,
      label: `${label}, ${stream ? 'streamed' : 'plain'}`,
      shape,
      stream,
    })),
  );
}

/**
 * The order of the targets for one step: rotated by round and profile so that no target always runs
 * first (warmest caches, quietest machine) or last. Every round still runs each target once per profile.
 */
export function interleavedOrder<T>(targets: readonly T[], round: number, profileIndex: number): T[] {
  if (targets.length === 0) return [];
  const shift = (round + profileIndex) % targets.length;
  return [...targets.slice(shift), ...targets.slice(0, shift)];
}
