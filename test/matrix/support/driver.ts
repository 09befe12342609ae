import type { StopReason as CanonicalStop } from '@verosek/protocol';
import type { Answer, Ask } from './neutral';
import type { TappedExchange } from './tap';

export type SdkName = 'openai' | 'anthropic' | 'gemini';

/** Things an SDK may have no words for; a feature needing one is "not expressible" in that SDK. */
export type SdkAbility = 'developer-role' | 'json-mode' | 'top-k' | 'seed' | 'thinking-history';

export interface Connection {
  /** The gateway root (the tap in front of it). */
  url: string;
  apiKey: string;
}

/** One official SDK, driven from the neutral `Ask`, its results read back into an `Answer`. */
export interface SdkDriver {
  name: SdkName;
  /** Package and major version, for the doc. */
  label: string;
  abilities: ReadonlySet<SdkAbility>;
  /** Whether the SDK's usage shows reasoning tokens and its answer shows thinking. */
  showsReasoningTokens: boolean;
  showsThinking: boolean;
  /** Whether its stream carries tool-call arguments in fragments (Gemini's carries whole calls). */
  streamsArgumentFragments: boolean;
  call(connection: Connection, ask: Ask, model: string, stream: boolean): Promise<Answer>;
  /** The stop reason this SDK shows for a canonical one. */
  stopFor(stop: CanonicalStop): string;
  /** The HTTP status this surface answers for a gateway error status (no 529 outside Anthropic). */
  statusFor(status: number): number;
  /** Whether `error` is the SDK's own typed error for `status` (its class for that status, with that status). */
  isTypedError(error: unknown, status: number): boolean;
  /** Whether `error` is an error the SDK raised for an error the server reported. */
  isApiError(error: unknown): boolean;
  /** Violations of the caller's spec in the gateway's raw answer (body, stream events, error body). */
  specErrors(exchange: TappedExchange, stream: boolean): string[];
  /** Whether the raw stream ended with this format's error event. */
  endsWithErrorEvent(exchange: TappedExchange): boolean;
}

/** Parses a JSON text the SDK was given; a parse failure is kept as the raw text for the assertion to show. */
export function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
