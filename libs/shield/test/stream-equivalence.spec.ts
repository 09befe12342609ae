import { redactText, scan, StreamRedactor } from '../src';
import { loadSpanExamples } from '../src/eval/span-corpus';
import { VALUES as V } from './fixtures';

/**
 * Whatever the chunking, a stream must come out exactly as the whole text redacted in one scan:
 * nothing emitted early may turn out to be (part of) a finding. Run over every text of the labeled
 * set, padded with prose on both sides so findings sit mid-stream.
 */
const examples = loadSpanExamples().map((e) => e.text);
const extra = [
  `Here is the key:\n${V.privateKey}\nKeep it safe.`,
  `Token: ${V.jwt} expires soon`,
  `export OPENAI_API_KEY="${V.openaiKey}"`,
  `Dear Anna Schmidt, born 14 March 1979, lives at Hauptstraße 5, 10115 Berlin.`,
  `password = "correct horse battery staple 42" and more`,
];
// Longer than any detector's window on each side, so the held-back tail is exercised mid-stream.
const before = 'Some words before it, with a Number 7 and an address-like 12 Oak. '.repeat(4);
const after = ' And some after, Anna said to Bob on 3 May.'.repeat(6);
const texts = [...examples, ...extra].map((t) => `${before}${t}${after}`);

function chunked(text: string, sizes: (i: number) => number): string[] {
  const chunks: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes(i);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** A small deterministic generator, so a failure names a reproducible chunking. */
function seededSizes(seed: number): (i: number) => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return 1 + (state % 9);
  };
}

describe('StreamRedactor equals a whole-text scan', () => {
  const chunkings: [string, (i: number) => number][] = [
    ['1-char chunks', () => 1],
    ['3-char chunks', () => 3],
    ['7-char chunks', () => 7],
    ['random 1..9 (seed 1)', seededSizes(1)],
    ['random 1..9 (seed 2)', seededSizes(2)],
  ];

  it.each(chunkings)('with %s, on every labeled text', (_name, sizes) => {
    for (const text of texts) {
      const expected = redactText(text, scan(text));
      const redactor = new StreamRedactor();
      const out =
        chunked(text, sizes)
          .map((c) => redactor.push(c))
          .join('') + redactor.flush();
      if (out !== expected)
        throw new Error(`stream differs for ${JSON.stringify(text)}:\n${out}\n${expected}`);
    }
  });
});
