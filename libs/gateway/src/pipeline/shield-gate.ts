import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '@verosek/protocol';
import type { Caller } from '../access/access-control';

/** Types and counts of what the Shield found (never the values). */
export interface ShieldVerdict {
  direction: 'pre' | 'post';
  verdict: 'allow' | 'redact' | 'block' | 'log';
  findings: { type: string; count: number }[];
}

/** The pre verdict, with every text of the request as it leaves the gateway (after redaction). */
export interface RequestVerdict extends ShieldVerdict {
  texts: string[];
}

/** Filters one response stream: holds back only what a split secret needs, redacts, passes the rest. */
export interface StreamShield {
  /** Never changes nor holds back an event (Shield post off), so a stream may pass through as it is. */
  readonly passive: boolean;
  filter(event: CanonicalStreamEvent): CanonicalStreamEvent[];
  verdict(): ShieldVerdict;
}

/** Shield policy applied to the canonical request and response; throws GatewayError(shield_blocked) to block. */
export interface ShieldGate {
  inspectRequest(request: CanonicalRequest, caller: Caller): RequestVerdict;
  inspectResponse(response: CanonicalResponse, caller: Caller): ShieldVerdict;
  streamShield(caller: Caller): StreamShield;
}

export const SHIELD_GATE = Symbol('SHIELD_GATE');
