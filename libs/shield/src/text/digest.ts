import { hash } from 'node:crypto';

/**
 * The key under which a text's verdict is remembered (the classifier scores, the prompts found
 * clean): SHA-256, so no cache keeps the text itself, and a small fraction of the cost of scanning it.
 */
export function textDigest(text: string): string {
  return hash('sha256', text, 'base64');
}
