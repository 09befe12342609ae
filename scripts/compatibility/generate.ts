import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellResult } from './matrix-cells';
import { RESULTS_FOLDER } from './matrix-cells';
import { GENERATE_COMMAND, renderCompatibility } from './render';

/** Renders docs/compatibility.md from the matrix results. Run from the repository root (see GENERATE_COMMAND). */
function main(): void {
  const root = process.cwd();
  const folder = join(root, RESULTS_FOLDER);
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (files.length === 0) {
    console.error(`no matrix results in ${folder}: run the matrix first (${GENERATE_COMMAND})`);
    process.exit(1);
  }
  const cells = files.flatMap((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as CellResult[]);
  const target = join(root, 'docs', 'compatibility.md');
  writeFileSync(target, renderCompatibility(cells));
  console.log(`wrote ${target} from ${cells.length} cells (${files.join(', ')})`);
}

main();
