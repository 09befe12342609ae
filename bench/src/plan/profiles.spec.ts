import { benchProfiles, interleavedOrder } from './profiles';

describe('benchmark plan', () => {
  it('covers 1 in flight, 200 and 500 req/s and saturation, plain and streamed', () => {
    const profiles = benchProfiles(32);
    expect(profiles.map((p) => p.id)).toEqual([
      'serial-plain',
      'rate200-plain',
      'rate500-plain',
      'saturation-plain',
      'serial-stream',
      'rate200-stream',
      'rate500-stream',
      'saturation-stream',
    ]);
    expect(profiles[2].shape).toEqual({ kind: 'open', rate: 500 });
    expect(profiles[3].shape).toEqual({ kind: 'closed', concurrency: 32 });
    expect(profiles.filter((p) => p.stream)).toHaveLength(4);
  });

  it('rotates the target order so that each target runs in every position across rounds', () => {
    const targets = ['A', 'B', 'C', 'D'];
    expect(interleavedOrder(targets, 0, 0)).toEqual(['A', 'B', 'C', 'D']);
    expect(interleavedOrder(targets, 1, 0)).toEqual(['B', 'C', 'D', 'A']);
    expect(interleavedOrder(targets, 1, 2)).toEqual(['D', 'A', 'B', 'C']);
    const firsts = new Set([0, 1, 2, 3].map((round) => interleavedOrder(targets, round, 0)[0]));
    expect(firsts).toEqual(new Set(targets));
    expect(interleavedOrder([], 3, 1)).toEqual([]);
  });
});
