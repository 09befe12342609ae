/**
 * Precision and recall of the local detectors per entity type, and of the classifiers on the
 * held-out split. Reads ../shared/corpora when present, and the project's own labeled sets in
 * libs/shield/data. Run: npm run eval:shield
 */
import { loadModel } from '../classifiers/classify';
import { isHeldOut, loadTaskExamples } from '../classifiers/dataset';
import { ENTITY_TYPES } from '../entities';
import { scan } from '../scan';
import { countBinary, precisionRecall, type Counts } from './metrics';
import { loadSpanExamples } from './span-corpus';
import { countSpans } from './span-eval';

const fmt = (v: number) => v.toFixed(3);
const row = (cells: (string | number)[]) => '| ' + cells.join(' | ') + ' |';

function printTable(title: string, rows: Array<[string, Counts]>): void {
  console.log(`\n### ${title}\n`);
  console.log(row(['type', 'precision', 'recall', 'support', 'tp', 'fp', 'fn']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---']));
  for (const [name, c] of rows) {
    const pr = precisionRecall(c);
    console.log(row([name, fmt(pr.precision), fmt(pr.recall), pr.support, c.tp, c.fp, c.fn]));
  }
}

function evaluateDetectors(): void {
  const examples = loadSpanExamples();
  const counts = countSpans(examples, (text) => scan(text));
  const sources = [...new Set(examples.map((e) => e.source))].join(', ');
  const rows = ENTITY_TYPES.filter((t) => counts.has(t)).map((t) => [t, counts.get(t)!] as [string, Counts]);
  const total = rows.reduce((s, [, c]) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  printTable(`Detectors (${examples.length} texts from ${sources})`, [...rows, ['all', total]]);
}

function evaluateClassifiers(): void {
  const rows: Array<[string, Counts]> = [];
  for (const task of ['injection', 'toxicity'] as const) {
    const model = loadModel(task);
    const heldOut = loadTaskExamples(task).filter((e) => isHeldOut(e.text));
    const sources = [...new Set(heldOut.map((e) => e.source))].join(' + ');
    const counts = countBinary(
      heldOut.map((e) => model.score(e.text)),
      heldOut.map((e) => e.label),
      model.file.heldOut.threshold,
    );
    rows.push([`${task} (${heldOut.length} held out from ${sources})`, counts]);
  }
  printTable('Classifiers (held-out split, threshold 0.5)', rows);
}

evaluateDetectors();
evaluateClassifiers();
