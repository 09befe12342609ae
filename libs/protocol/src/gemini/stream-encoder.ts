import type { CanonicalStreamEvent, StopReason, Usage } from '../canonical';
import type { StreamEncoder, StreamEncoderOptions } from '../codec';
import { newId } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { geminiErrorBody } from './errors';
import { finishReasonToGemini, usageToGemini } from './maps';

interface PendingCall {
  name: string;
  args: string;
  signature?: string;
}

/**
 * Canonical events -> Gemini stream chunks (GenerateContentResponse JSON), framed as SSE
 * (`data: <json>\r\n\r\n`, like the real API) or as one JSON array (`[{...}\n,\r\n{...}\n]`).
 * Each part waits for the next one before it is written, so that the last part and the
 * `finishReason` + `usageMetadata` go out in one chunk, as Gemini sends them. Function calls are
 * buffered until their block ends (Gemini sends arguments whole).
 */
export class GeminiStreamEncoder implements StreamEncoder {
  private readonly sse: boolean;
  private responseId: string | undefined;
  private written = 0;
  /** The part (and its block) not yet written. */
  private held: { part: WireObject; index: number } | undefined;
  private readonly calls = new Map<number, PendingCall>();
  /** A signature that arrived before any text of its block. */
  private readonly heldSignatures = new Map<number, string>();

  constructor(private readonly options: StreamEncoderOptions) {
    this.sse = options.framing !== 'json-array';
  }

  encode(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        this.responseId = event.id;
        return '';
      case 'text-delta':
        return this.onText(event.index, event.text, event.signature, false);
      case 'thinking-delta':
        return event.text === '' ? '' : this.hold({ text: event.text, thought: true }, event.index);
      case 'thinking-signature':
        return this.onText(event.index, '', event.signature, true);
      case 'tool-call-start': {
        const call: PendingCall = { name: event.name, args: '' };
        if (event.signature !== undefined) call.signature = event.signature;
        this.calls.set(event.index, call);
        return '';
      }
      case 'tool-call-delta': {
        const call = this.calls.get(event.index);
        if (call !== undefined) call.args += event.argumentsDelta;
        return '';
      }
      case 'block-end':
        return this.onBlockEnd(event.index);
      case 'finish':
        return this.finish(event.stopReason, event.usage);
      case 'error':
        return this.flush() + this.frame(JSON.stringify(geminiErrorBody(event.error)));
      default:
        // text-start / thinking-start open nothing on the wire; interim usage rides on the last chunk.
        return '';
    }
  }

  end(): string {
    if (this.sse) return '';
    return this.written === 0 ? '[]' : '\n]';
  }

  private onText(index: number, text: string, signature: string | undefined, thought: boolean): string {
    if (text === '' && signature !== undefined) {
      // A bare signature joins the part of its block that is still held, or the next one.
      if (this.held?.index === index) {
        this.held.part.thoughtSignature = signature;
        return '';
      }
      this.heldSignatures.set(index, signature);
      return '';
    }
    if (text === '') return '';
    const part: WireObject = thought ? { text, thought: true } : { text };
    const pending = signature ?? this.heldSignatures.get(index);
    if (pending !== undefined) {
      part.thoughtSignature = pending;
      this.heldSignatures.delete(index);
    }
    return this.hold(part, index);
  }

  private onBlockEnd(index: number): string {
    const call = this.calls.get(index);
    if (call !== undefined) {
      this.calls.delete(index);
      const part: WireObject = { functionCall: { name: call.name, args: parseArgs(call.args) } };
      if (call.signature !== undefined) part.thoughtSignature = call.signature;
      return this.hold(part, index);
    }
    const signature = this.heldSignatures.get(index);
    if (signature === undefined) return '';
    this.heldSignatures.delete(index);
    return this.hold({ text: '', thoughtSignature: signature }, index);
  }

  private hold(part: WireObject, index: number): string {
    const flushed = this.flush();
    this.held = { part, index };
    return flushed;
  }

  private flush(): string {
    if (this.held === undefined) return '';
    const part = this.held.part;
    this.held = undefined;
    return this.frame(this.chunkJson(part, undefined, undefined));
  }

  private finish(stop: StopReason, usage: Usage): string {
    const part = this.held?.part ?? { text: '' };
    this.held = undefined;
    return this.frame(this.chunkJson(part, finishReasonToGemini(stop), usage));
  }

  private chunkJson(part: WireObject, finishReason: string | undefined, usage: Usage | undefined): string {
    const candidate: WireObject = { content: { role: 'model', parts: [part] } };
    if (finishReason !== undefined) candidate.finishReason = finishReason;
    candidate.index = 0;
    const chunk: WireObject = { candidates: [candidate] };
    if (usage !== undefined) chunk.usageMetadata = usageToGemini(usage);
    chunk.modelVersion = this.options.model;
    chunk.responseId = this.responseId ??= newId('gen-');
    return JSON.stringify(chunk);
  }

  private frame(json: string): string {
    if (this.sse) return `data: ${json}\r\n\r\n`;
    const prefix = this.written === 0 ? '[' : '\n,\r\n';
    this.written++;
    return prefix + json;
  }
}

/** Arguments cut short (a stream that hit max tokens mid-call) cannot be sent as an object: `{}`. */
function parseArgs(text: string): WireObject {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
