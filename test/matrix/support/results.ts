import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * - `pass`: the feature works end to end (answer, translated request, specs).
 * - `refused`: the provider cannot carry it and the gateway says so with a 400 naming the field.
 * - `not-expressible`: the caller's SDK has no way to ask for it (no test).
 * - `fail`: a test of the cell failed; `detail` holds the first line of why.
 */
export type CellOutcome = 'pass' | 'refused' | 'not-expressible' | 'fail';

export interface CellResult {
  section: 'features' | 'errors';
  sdk: string;
  sdkLabel: string;
  provider: string;
  row: string;
  rowTitle: string;
  mode: 'plain' | 'stream';
  outcome: CellOutcome;
  detail?: string;
}

/** Where each matrix file writes its cells; `scripts/compatibility/generate.ts` reads them all. */
export const RESULTS_DIR = join(__dirname, '..', '.results');

export class MatrixResults {
  private readonly cells: CellResult[] = [];

  constructor(private readonly file: string) {}

  add(cell: CellResult): void {
    this.cells.push(cell);
  }

  /** Runs one test body and records its cell: `outcome` when it passes, `fail` (then rethrows) when not. */
  async run(cell: Omit<CellResult, 'outcome' | 'detail'>, outcome: CellOutcome, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      this.add({ ...cell, outcome: 'fail', detail: firstLine(err) });
      throw err;
    }
    this.add({ ...cell, outcome });
  }

  write(): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, this.file), `${JSON.stringify(this.cells, null, 2)}\n`);
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // jest matcher messages carry ANSI colours.
  return (text.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}
