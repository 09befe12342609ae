type Json = Record<string, unknown>;

/**
 * Returns a copy of an OpenAPI document in which no object schema requires a property that may be
 * null or has a default. Stainless-generated documents list such properties as `required`, yet
 * the real API omits them (VALIDATING.md: Anthropic response schemas over-require).
 */
export function relaxRequired(document: Json): Json {
  const copy = structuredClone(document);
  const schemas = (copy.components as Json).schemas as Record<string, Json>;
  visit(copy, schemas);
  return copy;
}

function visit(node: unknown, schemas: Record<string, Json>): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, schemas);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) visit(value, schemas);
  if (Array.isArray(node.required) && isObject(node.properties)) {
    const properties = node.properties;
    node.required = node.required.filter(
      (name) => !isOptionalInPractice(properties[name as string], schemas),
    );
  }
}

function isOptionalInPractice(schema: unknown, schemas: Record<string, Json>): boolean {
  if (!isObject(schema)) return false;
  if ('default' in schema || allowsNull(schema)) return true;
  const target =
    typeof schema.$ref === 'string' ? schemas[schema.$ref.replace('#/components/schemas/', '')] : undefined;
  return target !== undefined && ('default' in target || allowsNull(target));
}

function allowsNull(schema: Json): boolean {
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  const branches = [...asArray(schema.anyOf), ...asArray(schema.oneOf)];
  return branches.some(
    (b) => isObject(b) && (b.type === 'null' || (Array.isArray(b.type) && b.type.includes('null'))),
  );
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
