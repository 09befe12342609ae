/**
 * Values that stand for a secret without being one: templates, variables, masks and examples.
 * Shared by every detector that reads a value out of an assignment or a URL.
 */
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'api_key',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'test',
  'testing',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'todo',
  'tbd',
  'redacted',
  'hidden',
  'masked',
  'string',
  'str',
  'number',
  'int',
  'bool',
  'boolean',
  'any',
  'object',
  'bytes',
  'required',
  'optional',
  'secretstr',
  'env',
]);

const MASK =
  /^(?:[xX*.#•_-]{3,64}|<[^<>]{0,64}>|\[[^\][]{0,64}\]|\{\{[^{}]{0,64}\}\}|\$\{[^{}]{0,64}\}|\$[A-Za-z_][A-Za-z0-9_]{0,64}|%[A-Za-z_][A-Za-z0-9_]{0,64}%)$/;
const EMBEDDED_MARKERS =
  /x{4}|\*{3}|redacted|example|your[_-]|placeholder|process\.env|os\.environ|getenv|\$\{|\{\{/i;

export function isPlaceholder(value: string): boolean {
  if (value.length > 256) return false;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  // Templates and variables: <your-key>, {{ secret }}, ${TOKEN}, $TOKEN, %TOKEN%.
  if (/^[<{$%]/.test(value)) return true;
  if (/^(?:your|my|the)[_-]?[a-z_-]{0,40}$/.test(lower)) return true;
  return MASK.test(value) || EMBEDDED_MARKERS.test(value);
}
