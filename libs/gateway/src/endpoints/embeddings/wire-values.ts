import { invalid } from '../shared/json-fields';

export function optionalPositiveInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalid(field, 'expected a positive integer');
  return value;
}

/** `encoding_format: "base64"`: the vector as little-endian float32 bytes. */
export function asFloat32Base64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

export function fromFloat32Base64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  return Array.from(floats);
}

/** Vectors ordered by their `index`; the answer must hold exactly one per input. */
export function vectorsInOrder(items: { index: number; vector: number[] }[], expected: number): number[][] {
  const vectors: number[][] = new Array(expected);
  for (const { index, vector } of items) {
    if (!Number.isInteger(index) || index < 0 || index >= expected || !Array.isArray(vector))
      throw new Error(`embedding ${index} is out of range or not a vector`);
    vectors[index] = vector;
  }
  if (vectors.some((v) => v === undefined) || items.length !== expected)
    throw new Error(`expected ${expected} embeddings, got ${items.length}`);
  return vectors;
}
