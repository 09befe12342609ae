/**
 * The cell records the matrix tests (test/matrix) write and generate.ts renders into
 * docs/compatibility.md. One JSON array of cells per SDK file under RESULTS_FOLDER.
 */

/** Relative to the repository root. */
export const RESULTS_FOLDER = 'test/matrix/.results';

/**
 * - `pass`: works end to end (the answer, the translated request, both specs); `detail` may say
 *   what the caller saw (the status of an error row).
 * - `refused`: the provider cannot carry it; the gateway answers a 400 naming the field (`detail`).
 * - `not-expressible`: the caller's SDK has no way to ask for it (nothing to test).
 * - `fail`: a test of the cell failed; `detail` is the first line of why.
 */
export type CellOutcome = 'pass' | 'refused' | 'not-expressible' | 'fail';

export interface CellResult {
  section: 'features' | 'errors';
  sdk: string;
  sdkLabel: string;
  provider: string;
  row: string;
  rowTitle: string;
  /** The row's place in its table. */
  rank: number;
  mode: 'plain' | 'stream';
  outcome: CellOutcome;
  detail?: string;
}
