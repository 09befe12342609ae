import type {
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
  GatewayErrorInfo,
} from './canonical';

/** The wire formats the gateway speaks, on its surfaces and towards providers. */
export type WireFormat = 'openai-chat' | 'anthropic-messages' | 'gemini';

export interface EncodedError {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Turns canonical stream events into this format's wire text, in order. */
export interface StreamEncoder {
  /** Wire text for one event ('' when the format has nothing to say for it). */
  encode(event: CanonicalStreamEvent): string;
  /** Trailer after the last event (`data: [DONE]`, the closing `]` of a JSON array...). */
  end(): string;
}

/** Turns this format's raw stream bytes (as text) into canonical events. */
export interface StreamDecoder {
  push(chunk: string): CanonicalStreamEvent[];
  end(): CanonicalStreamEvent[];
}

export interface SurfaceHints {
  /** Model from the URL (Gemini) when the body has none. */
  model?: string;
  /** Streaming decided by the URL (Gemini `:streamGenerateContent`). */
  stream?: boolean;
}

export interface StreamEncoderOptions {
  /** The model name the client asked for; echoed in the response. */
  model: string;
  includeUsage: boolean;
  /** Gemini only: `sse` for `?alt=sse`, `json-array` otherwise. */
  framing?: 'sse' | 'json-array';
}

/**
 * One codec per wire format, serving both directions (DESIGN §1, patterns): our Anthropic surface
 * and our Anthropic provider share this codec.
 */
export interface WireCodec {
  readonly format: WireFormat;

  // The client speaks this format (surface side).
  /** Throws GatewayError(invalid_request) naming the bad field. */
  decodeRequest(body: unknown, hints?: SurfaceHints): CanonicalRequest;
  encodeResponse(response: CanonicalResponse, requestedModel: string): unknown;
  createStreamEncoder(options: StreamEncoderOptions): StreamEncoder;
  encodeError(error: GatewayErrorInfo): EncodedError;

  // The provider speaks this format (upstream side).
  encodeRequest(request: CanonicalRequest, providerModel: string): unknown;
  decodeResponse(body: unknown): CanonicalResponse;
  createStreamDecoder(): StreamDecoder;
  /** Classifies an upstream error answer. */
  decodeError(
    status: number,
    body: unknown,
    headers: Record<string, string | string[] | undefined>,
  ): GatewayErrorInfo;
  /** How a body of this format goes untranslated to a provider of the same format. */
  readonly passthrough: PassthroughRules;
}

/**
 * Same-format calls skip translation: the caller's body goes upstream as it came (every nested
 * field kept) and the answer comes back as the provider wrote it, tapped for usage. These are the
 * few changes the gateway still makes.
 */
export interface PassthroughRules {
  /** The caller's body with the deployment's model, and usage asked for wherever it is optional. */
  request(body: Readonly<Record<string, unknown>>, providerModel: string): Record<string, unknown>;
  /** True for a stream frame the gateway asked for and the client did not (OpenAI's usage chunk). */
  hides(events: readonly CanonicalStreamEvent[], clientAskedUsage: boolean): boolean;
}
