type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * Rewrites OpenAPI 3.0 `nullable: true` (left inside the 3.1 OpenAI document) into 2020-12 terms,
 * in place: `type: T` becomes `type: [T, "null"]` (an `enum` gains `null`), a schema without
 * `type` becomes `anyOf: [schema, {type: "null"}]`; `nullable: false` is dropped.
 */
export function normalizeNullable(node: Json): void {
  if (Array.isArray(node)) {
    node.forEach(normalizeNullable);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) normalizeNullable(value);
  if (typeof node.nullable !== 'boolean') return;
  const nullable = node.nullable;
  delete node.nullable;
  if (nullable) allowNull(node);
}

function allowNull(schema: JsonObject): void {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  } else {
    const copy: JsonObject = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [copy, { type: 'null' }];
  }
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
