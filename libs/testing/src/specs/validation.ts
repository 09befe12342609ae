import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Outcome of checking one value against one schema; `errors` are readable one-liners. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

export const VALID: ValidationResult = Object.freeze({ valid: true, errors: [] }) as ValidationResult;

export function invalid(...errors: string[]): ValidationResult {
  return { valid: false, errors };
}

/** Formats the spec documents use that carry no checkable rule for us. */
const NO_OP_FORMATS = ['unixtime', 'int64', 'int32', 'double', 'float', 'binary', 'byte'];

/** The ajv instance every spec uses: 2020-12 dialect, lax about vendor keywords, all errors. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const format of NO_OP_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** Runs a compiled validator and turns ajv's errors into `path message (schema path)` lines. */
export function runValidator(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return VALID;
  return { valid: false, errors: formatErrors(validate.errors ?? []) };
}

function formatErrors(errors: ErrorObject[]): string[] {
  const lines = errors.map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    return `${where} ${e.message ?? 'is invalid'}${describeParams(e)} (schema ${e.schemaPath})`;
  });
  return [...new Set(lines)];
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `: '${String(p.additionalProperty)}'`;
  if (e.keyword === 'enum') return `: ${JSON.stringify(p.allowedValues)}`;
  if (e.keyword === 'const') return `: ${JSON.stringify(p.allowedValue)}`;
  return '';
}

/** Looks up a schema by `$ref`-style id in an ajv instance, compiling it once (ajv caches it). */
export function schemaValidator(ajv: Ajv2020, ref: string): ValidateFunction {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`unknown schema ${ref}`);
  return validate;
}
