import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type Ajv2020 from 'ajv/dist/2020';
import { lazy } from './lazy';
import { defName, ONEOF_KEYWORD, protoJsonSchemaDocument } from './proto-json-schema';
import { specPath } from './specs-dir';
import { createAjv, runValidator, type ValidationResult } from './validation';

const PACKAGE = 'google.ai.generativelanguage.v1beta';

/**
 * Fields the protos mark REQUIRED that the strict request check does not demand: `model` travels
 * in the URL (`/v1beta/models/{model}:generateContent`), and the live API accepts function
 * declarations without a description.
 */
const NOT_REQUIRED = new Set(['*.model', 'FunctionDeclaration.description']);

const protoRoot = lazy(() => {
  const protosDir = specPath('gemini', 'protos');
  const protobufDir = path.dirname(require.resolve('protobufjs/package.json'));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    for (const base of [protosDir, protobufDir]) {
      const candidate = path.join(base, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return target;
  };
  const v1beta = path.join('google', 'ai', 'generativelanguage', 'v1beta');
  const files = fs
    .readdirSync(path.join(protosDir, v1beta))
    .filter((f) => f.endsWith('.proto'))
    .map((f) => path.join(v1beta, f));
  root.loadSync([...files, 'google/rpc/code.proto'], { keepCase: true });
  root.resolveAll();
  return root;
});

const validators = lazy(() => {
  const root = protoRoot();
  const ajv = createAjv();
  addOneofKeyword(ajv);
  ajv.addSchema(protoJsonSchemaDocument(root, { strict: true, notRequired: NOT_REQUIRED }), 'gemini-strict');
  ajv.addSchema(protoJsonSchemaDocument(root, { strict: false }), 'gemini-lenient');
  ajv.addSchema(errorSchema(root), 'gemini-error');
  return ajv;
});

function addOneofKeyword(ajv: Ajv2020): void {
  ajv.addKeyword({
    keyword: ONEOF_KEYWORD,
    type: 'object',
    schemaType: 'array',
    error: { message: 'must set at most one member of each oneof' },
    validate: (groups: string[][], data: Record<string, unknown>) =>
      groups.every(
        (names) => names.filter((name) => data[name] !== undefined && data[name] !== null).length <= 1,
      ),
  });
}

/** REST errors: `google.rpc.Status` with `status` = a `google.rpc.Code` name (not a proto message). */
function errorSchema(root: protobuf.Root): Record<string, unknown> {
  const codes = Object.keys(root.lookupEnum('google.rpc.Code').values);
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'status'],
        properties: {
          code: { type: 'integer' },
          message: { type: 'string' },
          status: { enum: codes },
          details: {
            type: 'array',
            items: { type: 'object', required: ['@type'], properties: { '@type': { type: 'string' } } },
          },
        },
      },
    },
  };
}

function validate(documentId: string, messageName: string, value: unknown): ValidationResult {
  const fullName = messageName.includes('.') ? messageName : `${PACKAGE}.${messageName}`;
  const type = protoRoot().lookupType(fullName);
  const validator = validators().getSchema(`${documentId}#/$defs/${defName(type)}`);
  if (!validator) throw new Error(`gemini: cannot compile ${fullName}`);
  return runValidator(validator, value);
}

export interface GeminiSpec {
  /** Strict (unknown fields and missing REQUIRED fields rejected), e.g. `GenerateContentRequest`. */
  validateRequest(messageName: string, body: unknown): ValidationResult;
  /** Lenient (unknown fields allowed: the live API is ahead of the protos), e.g. `GenerateContentResponse`. */
  validateResponse(messageName: string, body: unknown): ValidationResult;
  /** One `data:` event of `:streamGenerateContent` (or one element of its JSON array). */
  validateStreamChunk(chunk: unknown): ValidationResult;
  /** A REST error body `{error: {code, message, status, details?}}`. */
  validateError(body: unknown): ValidationResult;
  /** The protobufjs root (v1beta plus google.rpc.Code), e.g. to list a message's fields. */
  root(): protobuf.Root;
}

export const geminiSpec: GeminiSpec = {
  validateRequest: (name, body) => validate('gemini-strict', name, body),
  validateResponse: (name, body) => validate('gemini-lenient', name, body),
  validateStreamChunk: (chunk) => validate('gemini-lenient', 'GenerateContentResponse', chunk),
  validateError: (body) => {
    const validator = validators().getSchema('gemini-error');
    if (!validator) throw new Error('gemini: cannot compile the error schema');
    return runValidator(validator, body);
  },
  root: () => protoRoot(),
};
