import type * as protobuf from 'protobufjs';

type Schema = Record<string, unknown>;

export interface ProtoJsonSchemaOptions {
  /** Reject unknown fields (`additionalProperties: false`) and enforce `REQUIRED` field behavior. */
  strict: boolean;
  /** Fields never required even when the proto says so, as `Message.field` (proto names). */
  notRequired?: ReadonlySet<string>;
}

/**
 * JSON Schema for every message of a protobufjs root, by the proto3 JSON mapping: lowerCamelCase
 * field names (the snake_case proto names are accepted too), enums as names or numbers, 64-bit
 * integers as numbers or decimal strings, bytes as base64, floats as numbers or "NaN"/"Infinity",
 * well-known types in their JSON forms, `null` for any field, at most one member of each oneof.
 * Definitions are keyed by full name (`google.ai.generativelanguage.v1beta.Part`) under `$defs`.
 */
export function protoJsonSchemaDocument(root: protobuf.Root, options: ProtoJsonSchemaOptions): Schema {
  const defs: Record<string, Schema> = {};
  for (const type of allMessageTypes(root)) defs[defName(type)] = messageSchema(type, options);
  return { $defs: defs };
}

export function defName(type: protobuf.Type): string {
  return type.fullName.replace(/^\./, '');
}

/** Custom ajv keyword: the value holds properties of at most one group (one oneof's JSON names). */
export const ONEOF_KEYWORD = 'x-proto-oneof';

/** The proto3 JSON name of a field (protoc's rule: drop `_`, capitalize what follows). */
export function jsonName(protoName: string): string {
  return protoName.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function messageSchema(type: protobuf.Type, options: ProtoJsonSchemaOptions): Schema {
  const properties: Record<string, Schema> = {};
  const required: Schema[] = [];
  for (const field of type.fieldsArray) {
    const names = fieldNames(field);
    const schema = nullable(fieldSchema(field));
    for (const name of names) properties[name] = schema;
    if (options.strict && isRequired(type, field, options)) {
      required.push({ anyOf: names.map((name) => ({ required: [name] })) });
    }
  }
  const schema: Schema = { type: 'object', properties };
  if (options.strict) schema.additionalProperties = false;
  if (required.length > 0) schema.allOf = required;
  const groups = realOneofs(type).map((oneof) => oneof.fieldsArray.flatMap(fieldNames));
  if (groups.length > 0) schema[ONEOF_KEYWORD] = groups;
  return schema;
}

function fieldNames(field: protobuf.Field): string[] {
  const camel = jsonName(field.name);
  return camel === field.name ? [camel] : [camel, field.name];
}

function fieldSchema(field: protobuf.Field): Schema {
  if (field.map) {
    return { type: 'object', additionalProperties: valueSchema(field.type, field.resolvedType) };
  }
  const item = valueSchema(field.type, field.resolvedType);
  return field.repeated ? { type: 'array', items: item } : item;
}

/** Any field may be `null` (proto3 JSON: the field's default); other values meet the schema. */
function nullable(schema: Schema): Schema {
  return { if: { type: 'null' }, else: schema };
}

const INTEGER: Schema = { type: ['integer', 'string'], pattern: '^-?[0-9]+$' };
const FLOAT: Schema = {
  if: { type: 'string' },
  then: { enum: ['NaN', 'Infinity', '-Infinity'] },
  else: { type: 'number' },
};
const BASE64: Schema = { type: 'string', pattern: '^[A-Za-z0-9+/_-]*={0,2}$' };

const SCALARS: Record<string, Schema> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  bytes: BASE64,
  double: FLOAT,
  float: FLOAT,
  ...Object.fromEntries(
    [
      'int32',
      'uint32',
      'sint32',
      'fixed32',
      'sfixed32',
      'int64',
      'uint64',
      'sint64',
      'fixed64',
      'sfixed64',
    ].map((t) => [t, INTEGER]),
  ),
};

const WELL_KNOWN: Record<string, Schema> = {
  'google.protobuf.Struct': { type: 'object' },
  'google.protobuf.Value': {},
  'google.protobuf.ListValue': { type: 'array' },
  'google.protobuf.NullValue': { type: 'null' },
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$' },
  'google.protobuf.FieldMask': { type: 'string' },
  'google.protobuf.Empty': { type: 'object', maxProperties: 0 },
  'google.protobuf.Any': { type: 'object', required: ['@type'], properties: { '@type': { type: 'string' } } },
  'google.protobuf.BoolValue': SCALARS.bool,
  'google.protobuf.StringValue': SCALARS.string,
  'google.protobuf.BytesValue': SCALARS.bytes,
  'google.protobuf.DoubleValue': FLOAT,
  'google.protobuf.FloatValue': FLOAT,
  'google.protobuf.Int32Value': INTEGER,
  'google.protobuf.UInt32Value': INTEGER,
  'google.protobuf.Int64Value': INTEGER,
  'google.protobuf.UInt64Value': INTEGER,
};

function valueSchema(typeName: string, resolved: protobuf.Type | protobuf.Enum | null): Schema {
  if (!resolved) {
    const scalar = SCALARS[typeName];
    if (!scalar) throw new Error(`unresolved proto type ${typeName}`);
    return scalar;
  }
  const fullName = resolved.fullName.replace(/^\./, '');
  if (fullName in WELL_KNOWN) return WELL_KNOWN[fullName];
  if ('values' in resolved && !('fieldsArray' in resolved)) {
    return { if: { type: 'integer' }, else: { enum: Object.keys(resolved.values) } };
  }
  return { $ref: `#/$defs/${fullName}` };
}

function isRequired(type: protobuf.Type, field: protobuf.Field, options: ProtoJsonSchemaOptions): boolean {
  if (options.notRequired?.has(`${type.name}.${field.name}`) || options.notRequired?.has(`*.${field.name}`))
    return false;
  const behaviors = [
    field.options?.['(google.api.field_behavior)'],
    ...(field.parsedOptions ?? []).map((o) => o['(google.api.field_behavior)']),
  ];
  return behaviors.flat().includes('REQUIRED');
}

/** Oneofs written in the proto (not the synthetic ones protoc makes for `optional`). */
function realOneofs(type: protobuf.Type): protobuf.OneOf[] {
  return type.oneofsArray.filter((oneof) => oneof.fieldsArray.length > 1 || !oneof.name.startsWith('_'));
}

function allMessageTypes(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  const types: protobuf.Type[] = [];
  for (const nested of namespace.nestedArray) {
    if ('fieldsArray' in nested) types.push(nested as protobuf.Type);
    if ('nestedArray' in nested) types.push(...allMessageTypes(nested as protobuf.NamespaceBase));
  }
  return types;
}
