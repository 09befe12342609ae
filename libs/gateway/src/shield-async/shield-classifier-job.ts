/** The BullMQ queue (and in-process queue in embedded mode) of classification jobs. */
export const SHIELD_QUEUE = 'verosek-shield';

/** One call's texts for the asynchronous classifiers (prompt injection, toxicity). */
export interface ShieldClassifierJob {
  request_id: string;
  /** The id of the call's audit record (AuditCallInit.callId): verdicts are recorded as its steps. */
  call_id: string;
  key_id: string;
  /** The call's texts as Shield pre left them (redacted): never a raw secret on the queue. */
  texts: string[];
  surface: string;
  model_group: string;
}

export class ShieldJobError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`shield classifier job field ${field} ${problem}`);
    this.name = 'ShieldJobError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRING_FIELDS = ['request_id', 'key_id', 'surface', 'model_group'] as const;

/** Checks a job taken off (or about to go on) the queue; a malformed one fails naming the field. */
export function parseShieldClassifierJob(data: unknown): ShieldClassifierJob {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ShieldJobError('(root)', 'must be an object');
  const raw = data as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (typeof raw[field] !== 'string' || (raw[field] as string).length === 0)
      throw new ShieldJobError(field, 'must be a non-empty string');
  }
  if (typeof raw.call_id !== 'string' || !UUID.test(raw.call_id))
    throw new ShieldJobError('call_id', 'must be the UUID of the call audit record');
  if (!Array.isArray(raw.texts)) throw new ShieldJobError('texts', 'must be an array of strings');
  raw.texts.forEach((text, i) => {
    if (typeof text !== 'string') throw new ShieldJobError(`texts[${i}]`, 'must be a string');
  });
  return {
    request_id: raw.request_id as string,
    call_id: raw.call_id,
    key_id: raw.key_id as string,
    texts: raw.texts as string[],
    surface: raw.surface as string,
    model_group: raw.model_group as string,
  };
}

/**
 * The job id of a call's classification: its request id, so a call enqueued twice is classified
 * once. Queue ids may not contain ':' nor be integer strings, which request ids may; the prefix
 * and the replacement keep them apart from both.
 */
export function shieldJobId(requestId: string): string {
  return `shield-${requestId.replaceAll(':', '_')}`;
}
