import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEntityType, type EntityType } from '../entities';
import { sharedCorporaDir, shieldDir } from '../classifiers/locate';

export interface GoldSpan {
  type: EntityType;
  start: number;
  end: number;
}

export interface SpanExample {
  text: string;
  spans: GoldSpan[];
  source: string;
}

const MARK = /\{\{([A-Z_]+)\|([\s\S]*?)\}\}/g;

/**
 * Reads the inline markup of the labeled set: "Mail {{EMAIL|a@b.co}} now" is the text
 * "Mail a@b.co now" with an EMAIL span over the address. A line without marks is a negative.
 */
export function parseMarkedText(marked: string, where: string): { text: string; spans: GoldSpan[] } {
  let text = '';
  let cursor = 0;
  const spans: GoldSpan[] = [];
  for (const m of marked.matchAll(MARK)) {
    if (!isEntityType(m[1])) throw new Error(`${where}: unknown entity type ${m[1]}`);
    text += marked.slice(cursor, m.index);
    spans.push({ type: m[1], start: text.length, end: text.length + m[2].length });
    text += m[2];
    cursor = m.index + m[0].length;
  }
  return { text: text + marked.slice(cursor), spans };
}

function readSpanExamples(file: string): SpanExample[] {
  const source = path.basename(path.dirname(file)) + '/' + path.basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), where: `${file}:${i + 1}` }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, where }) => {
      const row = JSON.parse(line) as { text?: unknown };
      if (typeof row.text !== 'string') throw new Error(`${where}: expected {"text": string}`);
      return { ...parseMarkedText(row.text, where), source };
    });
}

/** The project's labeled set, and the shared corpus (../shared/corpora/shield/pii-secrets.jsonl) once it exists. */
export function loadSpanExamples(): SpanExample[] {
  const files = [path.join(shieldDir(), 'data', 'pii-secrets.jsonl')];
  const corpora = sharedCorporaDir();
  if (corpora) files.push(path.join(corpora, 'shield', 'pii-secrets.jsonl'));
  return files.filter((f) => existsSync(f)).flatMap(readSpanExamples);
}
