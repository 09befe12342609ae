import { ConfigError } from './config-error';

type Plain = Record<string, unknown>;

/** Reads typed fields out of a parsed YAML object, failing with the field's full path. */
export class FieldReader {
  constructor(
    private readonly file: string,
    private readonly path: string,
    private readonly value: Plain,
  ) {}

  static root(file: string, value: unknown): FieldReader {
    if (value === null || value === undefined) return new FieldReader(file, '', {});
    if (typeof value !== 'object' || Array.isArray(value))
      throw new ConfigError(file, '(root)', 'must be a mapping');
    return new FieldReader(file, '', value as Plain);
  }

  fieldPath(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  fail(key: string, problem: string): never {
    throw new ConfigError(this.file, this.fieldPath(key), problem);
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  rejectUnknown(allowed: readonly string[]): void {
    for (const key of Object.keys(this.value)) {
      if (!allowed.includes(key)) this.fail(key, `is not a known field (allowed: ${allowed.join(', ')})`);
    }
  }

  string(key: string, fallback?: string): string;
  string(key: string, fallback: string | undefined): string | undefined;
  string(key: string, ...fallback: [string | undefined] | []): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null || v === '') {
      if (fallback.length) return fallback[0];
      this.fail(key, 'is required');
    }
    if (typeof v !== 'string' && typeof v !== 'number') this.fail(key, 'must be a string');
    return String(v);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = this.string(key, fallback);
    if (v === undefined || !allowed.includes(v as T))
      this.fail(key, `must be one of ${allowed.join(' | ')} (got ${JSON.stringify(v)})`);
    return v as T;
  }

  number(key: string, fallback: number, opts?: { min?: number; integer?: boolean }): number;
  number(key: string, fallback: undefined, opts?: { min?: number; integer?: boolean }): number | undefined;
  number(
    key: string,
    fallback: number | undefined,
    opts: { min?: number; integer?: boolean } = {},
  ): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null || v === '') return fallback;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n))
      this.fail(key, `must be a number (got ${JSON.stringify(v)})`);
    if (opts.integer && !Number.isInteger(n)) this.fail(key, 'must be an integer');
    if (opts.min !== undefined && n < opts.min) this.fail(key, `must be >= ${opts.min}`);
    return n;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.fail(key, 'must be true or false');
  }

  stringList(key: string): string[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string'))
      this.fail(key, 'must be a list of strings');
    return v as string[];
  }

  stringMap(key: string): Record<string, string> {
    const v = this.value[key];
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'must be a mapping');
    return Object.fromEntries(Object.entries(v as Plain).map(([k, item]) => [k, String(item)]));
  }

  object(key: string): FieldReader {
    const v = this.value[key];
    if (v === undefined || v === null) return new FieldReader(this.file, this.fieldPath(key), {});
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'must be a mapping');
    return new FieldReader(this.file, this.fieldPath(key), v as Plain);
  }

  list(key: string, opts: { required?: boolean } = {}): FieldReader[] {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(key, 'is required (a non-empty list)');
      return [];
    }
    if (!Array.isArray(v)) this.fail(key, 'must be a list');
    if (opts.required && v.length === 0) this.fail(key, 'must not be empty');
    return v.map((item, i) => {
      const itemPath = `${this.fieldPath(key)}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new ConfigError(this.file, itemPath, 'must be a mapping');
      }
      return new FieldReader(this.file, itemPath, item as Plain);
    });
  }
}
