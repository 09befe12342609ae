import type { Surface } from '../surface/surface';

/** What the transport edge knows about a call before the pipeline runs. */
export interface CallContext {
  requestId: string;
  surface: Surface;
  /** Raw key as sent by the SDK (Bearer, x-api-key, x-goog-api-key, ?key=). */
  rawKey: string | undefined;
  clientIp?: string;
  userAgent?: string;
  /** Client headers forwarded to providers that understand them. */
  forwardHeaders: Record<string, string>;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Set when the client goes away mid-call. */
  signal: AbortSignal;
}
