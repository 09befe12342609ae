import type { EntityType, Finding } from '../entities';

/** What a scan learns about the text in one pass, so detectors can skip texts they cannot match. */
export interface TextProfile {
  digits: number;
}

/**
 * One local detector. Detectors are pure: no I/O, no state between calls, and every pattern they use
 * has bounded quantifiers only, so a scan is linear in the text length.
 */
export interface Detector {
  readonly name: string;
  readonly types: readonly EntityType[];
  /**
   * The most characters a match, together with the context it reads on either side (cue words,
   * boundary characters), can span before it becomes reportable. A stream holds back this many
   * trailing characters. A detector whose matches can be longer reports a match that runs to the
   * end of the text even when it is not complete yet (see StreamRedactor).
   */
  readonly window: number;
  /**
   * For streams: the earliest index from which the end of `text` may still become (part of) a match
   * of this detector once more text arrives (a token still being typed, a cue whose date has not
   * come yet); text.length when nothing at the end is unfinished. Text before it is final for this
   * detector and can be emitted. Looks back at most `window` characters (linear, bounded).
   */
  pendingFrom(text: string): number;
  detect(text: string, profile: TextProfile, out: Finding[]): void;
}
