import { ENTITY_TYPES, type EntityType, type Finding } from '../entities';
import { detectorsFor, holdBackFor } from '../detectors/registry';
import type { Detector } from '../detectors/detector';
import { directionPlan } from '../policy/direction-plan';
import type { FindingSummary, Verdict } from '../policy/evaluate';
import type { Action, Direction, ShieldPolicy } from '../policy/policy';
import { redactText } from '../policy/redact';
import { runDetectors } from '../scan';

/** Longest stretch a stream holds back for one unfinished match (a PEM block, a JWT) before emitting it redacted. */
export const MAX_HELD_MATCH = 16 * 1024;

export interface StreamRedactorOptions {
  /** Acts per the policy's actions for `direction`; without a policy every type is redacted. */
  policy?: ShieldPolicy;
  /** Default 'post': streams are responses. */
  direction?: Direction;
}

/** A finding in stream coordinates: offsets count the characters pushed so far, from 0. */
export interface StreamFinding extends Finding {
  action: Exclude<Action, 'off'>;
}

/**
 * Redacts one text stream chunk by chunk. push() returns the text that is safe to emit now and
 * holds back only the end of the text that may still become (part of) a match: each enabled
 * detector says where that begins (Detector.pendingFrom: a token still being typed, a cue whose
 * date has not come yet...), never more than its window; plus any match the text ends inside.
 * Plain prose flows with at most its last word held. Already emitted text is kept (`holdBack`
 * characters) as left context, so cue words and boundaries are seen as in a single scan.
 *
 * Blocking: when a finding's action is 'block', the redactor stops emitting (push and flush return
 * ''), and `verdict` says 'block'; the pipeline ends the stream with an error.
 */
export class StreamRedactor {
  /** The most any detector holds back for a match in progress (its window); also the left context kept. */
  readonly holdBack: number;
  private readonly actions: Map<EntityType, Exclude<Action, 'off'>>;
  private readonly types: ReadonlySet<EntityType>;
  private readonly detectors: readonly Detector[];
  /** Raw text already emitted: the last `holdBack` characters. */
  private context = '';
  /** Raw text not emitted yet. */
  private pending = '';
  /** Stream offset of the first character of `pending`. */
  private offset = 0;
  private readonly recorded: StreamFinding[] = [];
  private blocked = false;

  constructor(options: StreamRedactorOptions = {}) {
    if (options.policy) {
      ({
        actions: this.actions,
        types: this.types,
        detectors: this.detectors,
      } = directionPlan(options.policy, options.direction ?? 'post'));
    } else {
      this.actions = new Map(ENTITY_TYPES.map((t) => [t, 'redact' as const]));
      this.types = new Set(this.actions.keys());
      this.detectors = detectorsFor(this.types);
    }
    this.holdBack = holdBackFor(this.detectors);
  }

  push(chunk: string): string {
    if (this.blocked || typeof chunk !== 'string' || chunk.length === 0) return '';
    this.pending += chunk;
    return this.release(false);
  }

  /** The rest of the stream, at its end. */
  flush(): string {
    if (this.blocked) return '';
    return this.release(true);
  }

  get verdict(): Verdict {
    if (this.blocked) return 'block';
    return this.recorded.some((f) => f.action === 'redact') ? 'redact' : 'allow';
  }

  get blockedTypes(): EntityType[] {
    return [...new Set(this.recorded.filter((f) => f.action === 'block').map((f) => f.type))];
  }

  /** Every finding in the text emitted (or withheld by a block) so far. */
  get findings(): readonly StreamFinding[] {
    return this.recorded;
  }

  summary(): FindingSummary[] {
    const byType = new Map<EntityType, FindingSummary>();
    for (const f of this.recorded) {
      const s = byType.get(f.type) ?? { type: f.type, count: 0, action: f.action };
      s.count++;
      byType.set(f.type, s);
    }
    return [...byType.values()];
  }

  private release(final: boolean): string {
    const buffer = this.context + this.pending;
    const start = this.context.length;
    const found =
      this.detectors.length === 0
        ? []
        : runDetectors(buffer, this.detectors, this.types).filter((f) => f.end > start);
    const cut = final ? buffer.length : this.safeCut(buffer, found);
    if (cut <= start) return '';

    const emitted: Finding[] = [];
    for (const f of found) {
      if (f.end > cut) break;
      const clamped = { ...f, start: Math.max(f.start, start) };
      const action = this.actions.get(f.type)!;
      this.recorded.push({
        ...clamped,
        start: clamped.start - start + this.offset,
        end: f.end - start + this.offset,
        action,
      });
      if (action === 'block') this.blocked = true;
      if (action !== 'log') emitted.push({ ...clamped, start: clamped.start - start, end: f.end - start });
    }
    const out = redactText(buffer.slice(start, cut), emitted);
    this.offset += cut - start;
    this.pending = buffer.slice(cut);
    this.context = buffer.slice(Math.max(0, cut - this.holdBack), cut);
    return this.blocked ? '' : out;
  }

  /**
   * Where to stop emitting: where the earliest unfinished match may begin, or earlier at the start
   * of a match that reaches past that point. A match held longer than MAX_HELD_MATCH is emitted
   * (redacted) whole.
   */
  private safeCut(buffer: string, found: Finding[]): number {
    const length = buffer.length;
    let cut = length;
    for (const d of this.detectors) cut = Math.min(cut, d.pendingFrom(buffer));
    for (const f of found) {
      if (f.start >= cut) break;
      // A match that reaches the end of the text may still grow (a PEM body, a JWT): unfinished.
      if (f.end <= cut && f.end < length) continue;
      cut = length - f.start > MAX_HELD_MATCH ? f.end : f.start;
      break;
    }
    return cut;
  }
}
