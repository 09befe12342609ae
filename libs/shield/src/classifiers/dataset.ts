import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedCorporaDir, shieldDir } from './locate';

export type ClassifierTask = 'injection' | 'toxicity';

export interface LabeledText {
  text: string;
  label: 0 | 1;
  source: string;
}

/** Reads a JSONL file of {"text": string, "label": 0|1}; a bad line is an error naming file and line. */
export function readLabeledTexts(file: string): LabeledText[] {
  const source = path.basename(path.dirname(file)) + '/' + path.basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const row = JSON.parse(line) as { text?: unknown; label?: unknown };
      if (typeof row.text !== 'string' || (row.label !== 0 && row.label !== 1)) {
        throw new Error(`${file}:${number}: expected {"text": string, "label": 0 | 1}`);
      }
      return { text: row.text, label: row.label, source };
    });
}

const OTHER_TASK: Record<ClassifierTask, ClassifierTask> = { injection: 'toxicity', toxicity: 'injection' };

function taskFiles(task: ClassifierTask): string[] {
  const files = [path.join(shieldDir(), 'data', `${task}.jsonl`)];
  const corpora = sharedCorporaDir();
  if (corpora) files.push(path.join(corpora, 'shield', `${task}.jsonl`));
  return files.filter((f) => existsSync(f));
}

/**
 * The labeled examples for `task`: the project's own hand-made set (libs/shield/data/<task>.jsonl)
 * and, once it exists, the shared corpus (../shared/corpora/shield/<task>.jsonl, same format).
 * The other task's examples join as negatives: an insult is not an injection, and an injection
 * attempt is not an insult. Without them each model learns "second person" as its signal.
 */
export function loadTaskExamples(task: ClassifierTask): LabeledText[] {
  const own = taskFiles(task).flatMap(readLabeledTexts);
  const seen = new Set(own.map((e) => e.text));
  const others = taskFiles(OTHER_TASK[task])
    .flatMap(readLabeledTexts)
    .filter((e) => !seen.has(e.text))
    .map((e) => ({ ...e, label: 0 as const }));
  return [...own, ...others];
}

/** Deterministic 80/20 split by a hash of the text, so train and eval agree without a seed file. */
export function isHeldOut(text: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 5 === 0;
}
