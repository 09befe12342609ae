import type { CanonicalStreamEvent, StopReason, Usage } from '../canonical';
import type { StreamDecoder } from '../codec';
import { JsonArrayStreamParser } from '../sse/json-array-parser';
import { SseParser } from '../sse/sse-parser';
import { newId, nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { decodeGeminiStreamError } from './errors';
import { field } from './fields';
import { usageFromGemini } from './maps';
import { blockReason, decodeResponsePart, firstCandidate, geminiCallId, stopFor } from './response-decode';

type OpenKind = 'text' | 'thinking';

/**
 * Gemini stream -> canonical events. Takes either framing, told apart by the first byte: SSE
 * (`data: <GenerateContentResponse>`, CRLF) or one JSON array. Consecutive text (or thought)
 * parts form one block; each function call is a block of its own (Gemini sends it whole). The
 * chunk with `finishReason` ends the stream.
 */
export class GeminiStreamDecoder implements StreamDecoder {
  private framing: 'sse' | 'json-array' | undefined;
  private readonly sse = new SseParser();
  private readonly array = new JsonArrayStreamParser();
  private started = false;
  private closed = false;
  private responseId = '';
  private nextIndex = 0;
  private open: { kind: OpenKind; index: number } | undefined;
  private calls = 0;
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };

  push(chunk: string): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    if (this.framing === undefined) {
      const first = chunk.trimStart();
      if (first === '') return out;
      this.framing = first.charCodeAt(0) === 91 /* [ */ ? 'json-array' : 'sse';
    }
    try {
      if (this.framing === 'sse') for (const event of this.sse.push(chunk)) this.onJson(event.data, out);
      else for (const element of this.array.push(chunk)) this.onChunk(element, out);
    } catch {
      this.fail(out, 'upstream sent a Gemini stream chunk that is not JSON');
    }
    return out;
  }

  end(): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    if (this.framing === 'sse') for (const event of this.sse.end()) this.onJson(event.data, out);
    if (!this.closed) this.fail(out, 'upstream stream ended before a finishReason');
    return out;
  }

  private onJson(data: string, out: CanonicalStreamEvent[]): void {
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      this.fail(out, 'upstream sent a Gemini stream chunk that is not JSON');
      return;
    }
    this.onChunk(chunk, out);
  }

  private onChunk(chunk: unknown, out: CanonicalStreamEvent[]): void {
    if (this.closed || !isObject(chunk)) return;
    if (isObject(chunk.error)) {
      this.closed = true;
      out.push({ type: 'error', error: decodeGeminiStreamError(chunk.error) });
      return;
    }
    if (!this.started) {
      this.started = true;
      const id = field(chunk, 'responseId');
      const model = field(chunk, 'modelVersion');
      this.responseId = typeof id === 'string' ? id : newId('gen-');
      out.push({
        type: 'start',
        id: this.responseId,
        model: typeof model === 'string' ? model : '',
        created: nowSeconds(),
      });
    }
    const candidate = firstCandidate(chunk);
    const parts =
      candidate !== undefined && isObject(candidate.content) && Array.isArray(candidate.content.parts)
        ? candidate.content.parts
        : [];
    for (const part of parts) if (isObject(part)) this.onPart(part, out);
    const usage = usageFromGemini(field(chunk, 'usageMetadata'));
    if (usage !== undefined) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
    const finish = candidate !== undefined ? field(candidate, 'finishReason') : undefined;
    const raw = typeof finish === 'string' ? finish : blockReason(chunk);
    if (raw !== undefined) this.finish(stopFor(raw, this.calls > 0, candidate === undefined), raw, out);
  }

  private onPart(part: WireObject, out: CanonicalStreamEvent[]): void {
    const decoded = decodeResponsePart(part, 'candidates[0].content.parts', () =>
      geminiCallId(this.responseId, this.calls),
    );
    if (decoded === undefined) return;
    switch (decoded.type) {
      case 'text': {
        const index = this.ensureOpen('text', out);
        const delta: CanonicalStreamEvent = { type: 'text-delta', index, text: decoded.text };
        if (decoded.signature !== undefined) delta.signature = decoded.signature;
        if (decoded.text !== '' || decoded.signature !== undefined) out.push(delta);
        break;
      }
      case 'thinking': {
        const index = this.ensureOpen('thinking', out);
        if (decoded.text !== '') out.push({ type: 'thinking-delta', index, text: decoded.text });
        if (decoded.signature !== undefined)
          out.push({ type: 'thinking-signature', index, signature: decoded.signature });
        break;
      }
      case 'tool_call': {
        this.closeOpen(out);
        this.calls++;
        const index = this.nextIndex++;
        const start: CanonicalStreamEvent = {
          type: 'tool-call-start',
          index,
          id: decoded.id,
          name: decoded.name,
        };
        if (decoded.signature !== undefined) start.signature = decoded.signature;
        out.push(
          start,
          { type: 'tool-call-delta', index, argumentsDelta: decoded.arguments },
          { type: 'block-end', index },
        );
        break;
      }
      default:
        // Images, audio and files in model output have no stream event.
        break;
    }
  }

  private ensureOpen(kind: OpenKind, out: CanonicalStreamEvent[]): number {
    if (this.open?.kind === kind) return this.open.index;
    this.closeOpen(out);
    const index = this.nextIndex++;
    this.open = { kind, index };
    out.push(kind === 'text' ? { type: 'text-start', index } : { type: 'thinking-start', index });
    return index;
  }

  private closeOpen(out: CanonicalStreamEvent[]): void {
    if (this.open === undefined) return;
    out.push({ type: 'block-end', index: this.open.index });
    this.open = undefined;
  }

  private finish(stopReason: StopReason, raw: string, out: CanonicalStreamEvent[]): void {
    this.closeOpen(out);
    this.closed = true;
    out.push({ type: 'finish', stopReason, rawStopReason: raw, usage: this.usage });
  }

  private fail(out: CanonicalStreamEvent[], message: string): void {
    if (this.closed) return;
    this.closed = true;
    out.push({ type: 'error', error: { kind: 'api_error', status: 502, message } });
  }
}
