import type { CanonicalRequest } from './canonical';
import type { WireFormat } from './codec';
import { unsupportedField } from './util/wire-reader';

/**
 * Wire fields with no canonical home travel in `CanonicalRequest.extra[<source format>]`. Into the
 * same format they pass through untouched; into another format they fail, naming the field, unless
 * they are advisory: fields that tune the service (storage, metadata, caching hints, safety
 * thresholds) without asking for different output, which are dropped when translating.
 */
const ADVISORY_FIELDS: Record<WireFormat, ReadonlySet<string>> = {
  'openai-chat': new Set([
    'store',
    'metadata',
    'service_tier',
    'prompt_cache_key',
    'prompt_cache_retention',
    'safety_identifier',
  ]),
  'anthropic-messages': new Set(['service_tier', 'cache_control', 'inference_geo']),
  gemini: new Set(['safetySettings', 'labels']),
};

export type ExtraFields = Record<string, unknown>;

/** Collects the fields of `body` not in `known` into an extra bag for `format` (undefined if none). */
export function collectExtras(
  body: Record<string, unknown>,
  known: ReadonlySet<string>,
): ExtraFields | undefined {
  let extras: ExtraFields | undefined;
  for (const key in body) {
    if (known.has(key) || body[key] === undefined) continue;
    (extras ??= {})[key] = body[key];
  }
  return extras;
}

export function withExtras(
  format: WireFormat,
  fields: ExtraFields | undefined,
): Record<string, unknown> | undefined {
  return fields === undefined ? undefined : { [format]: fields };
}

/**
 * The extra fields to write into a request for `target`: that format's own; throws GatewayError
 * naming the first field of another format that cannot be dropped.
 */
export function extrasFor(request: CanonicalRequest, target: WireFormat): ExtraFields | undefined {
  const extra = request.extra;
  if (extra === undefined) return undefined;
  for (const format in extra) {
    if (format === target) continue;
    const advisory = ADVISORY_FIELDS[format as WireFormat];
    const fields = extra[format] as ExtraFields;
    for (const field in fields) {
      if (advisory?.has(field)) continue;
      throw unsupportedField(field, `this ${format} field cannot be translated for a ${target} upstream`);
    }
  }
  return extra[target] as ExtraFields | undefined;
}
