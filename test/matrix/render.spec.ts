import type { CellResult } from '../../scripts/compatibility/matrix-cells';
import { renderCompatibility } from '../../scripts/compatibility/render';

const base = { sdkLabel: 'openai 6', rowTitle: 'Seed', section: 'features', rank: 1 } as const;

function cell(extra: Partial<CellResult>): CellResult {
  return {
    ...base,
    sdk: 'openai',
    provider: 'openai',
    row: 'seed',
    mode: 'plain',
    outcome: 'pass',
    ...extra,
  };
}

describe('renderCompatibility', () => {
  const doc = renderCompatibility([
    cell({}),
    cell({ mode: 'stream' }),
    cell({ provider: 'anthropic', outcome: 'refused', detail: 'seed' }),
    cell({ provider: 'anthropic', mode: 'stream', outcome: 'refused', detail: 'seed' }),
    cell({ provider: 'gemini' }),
    cell({
      provider: 'gemini',
      mode: 'stream',
      outcome: 'fail',
      detail: 'Expected: 7 | Received: undefined',
    }),
  ]);

  it('has one column per SDK and provider, in a fixed order', () => {
    expect(doc).toContain('| | openai 6 → openai | openai 6 → anthropic | openai 6 → gemini |');
  });

  it('merges plain and streamed outcomes when they agree, shows both when not', () => {
    expect(doc).toContain('| Seed | ✅ | ⛔ `seed` | plain ✅<br>stream ❌ |');
  });

  it('lists each failing cell with its reason, pipes escaped', () => {
    expect(doc).toContain('- openai 6 → gemini, seed (stream): Expected: 7 \\| Received: undefined');
    expect(doc).toContain('Totals: 3 pass, 2 refused, 0 not expressible, 1 fail.');
  });

  it('marks a cell that did not run', () => {
    const partial = renderCompatibility([
      cell({ provider: 'anthropic', row: 'other', rowTitle: 'Other', rank: 2 }),
      cell({}),
    ]);
    expect(partial).toContain('| Seed | ✅ | ? |');
  });

  it('orders rows by rank, and shows what a passing error row saw', () => {
    const errors = renderCompatibility([
      cell({ section: 'errors', row: 'b', rowTitle: 'Upstream 529', rank: 2, detail: '503' }),
      cell({ section: 'errors', row: 'a', rowTitle: 'Upstream 400', rank: 1, detail: '400' }),
    ]);
    expect(errors.indexOf('| Upstream 400 | ✅ 400 |')).toBeLessThan(
      errors.indexOf('| Upstream 529 | ✅ 503 |'),
    );
    expect(errors.indexOf('| Upstream 400')).toBeGreaterThan(-1);
  });
});
