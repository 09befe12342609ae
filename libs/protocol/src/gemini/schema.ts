import { isObject, type WireObject } from '../util/wire-reader';
import { camelOf } from './fields';

/**
 * Gemini's OpenAPI-style `Schema` (upper-case types, `nullable`) -> JSON Schema, for `parameters`
 * and `responseSchema`. `parametersJsonSchema` / `responseJsonSchema` are JSON Schema already.
 */
export function geminiSchemaToJsonSchema(schema: WireObject): WireObject {
  const out: WireObject = {};
  for (const key in schema) {
    const value = schema[key];
    switch (key) {
      case 'type':
        out.type = typeof value === 'string' ? value.toLowerCase() : value;
        break;
      case 'nullable':
        break;
      case 'propertyOrdering':
      case 'property_ordering':
        break;
      case 'properties':
        if (isObject(value)) {
          const props: WireObject = {};
          for (const name in value)
            props[name] = isObject(value[name])
              ? geminiSchemaToJsonSchema(value[name] as WireObject)
              : value[name];
          out.properties = props;
        }
        break;
      case 'items':
        out.items = isObject(value) ? geminiSchemaToJsonSchema(value) : value;
        break;
      case 'anyOf':
      case 'any_of':
        out.anyOf = Array.isArray(value)
          ? value.map((s) => (isObject(s) ? geminiSchemaToJsonSchema(s) : s))
          : value;
        break;
      default:
        out[camelOf(key)] = value;
    }
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}
