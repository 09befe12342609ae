import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { CellOutcome, CellResult } from '../../../scripts/compatibility/matrix-cells';
import { RESULTS_FOLDER } from '../../../scripts/compatibility/matrix-cells';

export type { CellResult };

/** Where each matrix file writes its cells; `scripts/compatibility/generate.ts` reads them all. */
const RESULTS_DIR = join(__dirname, '..', '..', '..', RESULTS_FOLDER);

export class MatrixResults {
  private readonly cells: CellResult[] = [];

  constructor(private readonly file: string) {}

  add(cell: CellResult): void {
    this.cells.push(cell);
  }

  /**
   * Runs one test body and records its cell: `outcome` (with `detail`, e.g. the field a refusal
   * names) when it passes, `fail` with the first line of the failure (then rethrows) when not.
   */
  async run(
    cell: Omit<CellResult, 'outcome' | 'detail'>,
    outcome: CellOutcome,
    body: () => Promise<void>,
    detail?: string,
  ): Promise<void> {
    try {
      await body();
    } catch (err) {
      this.add({ ...cell, outcome: 'fail', detail: reasonOf(err) });
      throw err;
    }
    this.add({ ...cell, outcome, ...(detail !== undefined && { detail }) });
  }

  write(): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, this.file), `${JSON.stringify(this.cells, null, 2)}\n`);
  }
}

/** A one-line reason: the matcher and, for jest's diffs, what was expected and received, with where. */
function reasonOf(err: unknown): string {
  // jest matcher messages carry ANSI colours.
  const text = stripVTControlCharacters(err instanceof Error ? err.message : String(err));
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const facts = lines.filter((line) => /^(Expected|Received)|^[-+] {2}/.test(line)).slice(0, 6);
  const where = /(test\/matrix\/[^():\s]+:\d+)/.exec((err as Error)?.stack ?? '')?.[1];
  // Loopback ports change every run; the doc must not.
  const reason = [where, [lines[0], ...facts].join('; ')]
    .filter(Boolean)
    .join(': ')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
  return reason.length > 300 ? `${reason.slice(0, 297)}...` : reason;
}
