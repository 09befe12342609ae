import { SEQUENCE_MARK } from './request-body';

const DIGITS = SEQUENCE_MARK.length - 1;
const WRAP = 10 ** DIGITS;

/**
 * Bodies made from `template`, each with the next sequence number written over SEQUENCE_MARK's digits
 * (same length, so the JSON stays valid and the size constant). A template without the mark is sent
 * as it is.
 */
export function sequencedBodies(template: string): () => Buffer {
  const base = Buffer.from(template);
  const at = base.indexOf(SEQUENCE_MARK);
  if (at < 0) return () => base;
  let sequence = 0;
  return () => {
    const body = Buffer.from(base);
    body.write(String(sequence).padStart(DIGITS, '0'), at + 1, 'latin1');
    sequence = (sequence + 1) % WRAP;
    return body;
  };
}
