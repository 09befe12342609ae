import type { CanonicalStreamEvent, GatewayErrorInfo, StopReason, Usage } from '../canonical';
import type { StreamEncoder, StreamEncoderOptions } from '../codec';
import { openAIErrorBody } from '../openai-chat/errors';
import { serializeSse } from '../sse/sse-serializer';
import { newId, nowSeconds } from '../util/ids';
import type { WireObject } from '../util/wire-reader';
import {
  finalStatus,
  functionCallItem,
  messageItem,
  reasoningItem,
  responseId,
  responseObject,
  textPart,
} from './output-items';

/** A content block open on the wire, keyed by its canonical block index. */
type OpenBlock =
  | {
      kind: 'text';
      outputIndex: number;
      contentIndex: number;
      itemId: string;
      text: string;
      refusal: boolean;
    }
  | { kind: 'reasoning'; outputIndex: number; itemId: string; text: string; signature?: string }
  | { kind: 'tool'; outputIndex: number; itemId: string; id: string; name: string; arguments: string };

/**
 * Canonical events -> the Responses API's typed SSE events (`event: <type>` + JSON with a
 * `sequence_number`): response.created / in_progress, then per output item its added event, its
 * deltas and done events, then response.completed (or incomplete) carrying the whole Response.
 * Consecutive text blocks share one message item. A mid-stream error is an `error` event followed
 * by `response.failed`.
 */
export class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private id = newId('resp_');
  private createdAt = nowSeconds();
  private started = false;
  private closed = false;
  private readonly done: WireObject[] = [];
  private readonly blocks = new Map<number, OpenBlock>();
  /** The message item texts are being added to, until another kind of item starts. */
  private message: { itemId: string; outputIndex: number; parts: WireObject[] } | undefined;
  private usage: Usage | undefined;
  /** Output items added so far (their `output_index` counter). */
  private outputs = 0;

  constructor(private readonly options: StreamEncoderOptions) {}

  encode(event: CanonicalStreamEvent): string {
    if (this.closed) return '';
    if (event.type === 'start') {
      this.id = responseId(event.id);
      this.createdAt = event.created;
      return this.ensureStarted();
    }
    let wire = this.ensureStarted();
    switch (event.type) {
      case 'text-start':
        wire += this.openText(event.index, event.refusal ?? false);
        break;
      case 'text-delta':
        if (!this.blocks.has(event.index)) wire += this.openText(event.index, false);
        wire += this.textDelta(event.index, event.text);
        break;
      case 'thinking-start':
        wire += this.openReasoning(event.index);
        break;
      case 'thinking-delta':
        if (!this.blocks.has(event.index)) wire += this.openReasoning(event.index);
        wire += this.reasoningDelta(event.index, event.text);
        break;
      case 'thinking-signature': {
        const block = this.blocks.get(event.index);
        if (block?.kind === 'reasoning') block.signature = event.signature;
        break;
      }
      case 'tool-call-start':
        wire += this.openTool(event.index, event.id, event.name);
        break;
      case 'tool-call-delta':
        wire += this.toolDelta(event.index, event.argumentsDelta);
        break;
      case 'block-end':
        wire += this.closeBlock(event.index);
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'finish':
        wire += this.finish(event.stopReason, event.usage);
        break;
      case 'error':
        wire += this.fail(event.error);
        break;
    }
    return wire;
  }

  end(): string {
    return '';
  }

  private emit(type: string, fields: WireObject): string {
    return serializeSse(JSON.stringify({ type, ...fields, sequence_number: this.sequence++ }), type);
  }

  private envelope(
    status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
    extra: Partial<Parameters<typeof responseObject>[0]> = {},
  ): WireObject {
    return responseObject({
      id: this.id,
      createdAt: this.createdAt,
      model: this.options.model,
      status,
      output: [],
      ...extra,
    });
  }

  private ensureStarted(): string {
    if (this.started) return '';
    this.started = true;
    const pending = this.envelope('in_progress');
    return (
      this.emit('response.created', { response: pending }) +
      this.emit('response.in_progress', { response: pending })
    );
  }

  private nextOutputIndex(): number {
    return this.outputs++;
  }

  private openText(index: number, refusal: boolean): string {
    let wire = '';
    if (!this.message) {
      const itemId = newId('msg_');
      this.message = { itemId, outputIndex: this.nextOutputIndex(), parts: [] };
      wire += this.emit('response.output_item.added', {
        output_index: this.message.outputIndex,
        item: messageItem(itemId, [], 'in_progress'),
      });
    }
    const { itemId, outputIndex, parts } = this.message;
    const contentIndex = parts.length;
    parts.push(textPart('', refusal));
    this.blocks.set(index, { kind: 'text', itemId, outputIndex, contentIndex, text: '', refusal });
    return (
      wire +
      this.emit('response.content_part.added', {
        item_id: itemId,
        output_index: outputIndex,
        content_index: contentIndex,
        part: textPart('', refusal),
      })
    );
  }

  private textDelta(index: number, delta: string): string {
    const block = this.blocks.get(index);
    if (block?.kind !== 'text' || delta === '') return '';
    block.text += delta;
    const at = { item_id: block.itemId, output_index: block.outputIndex, content_index: block.contentIndex };
    return block.refusal
      ? this.emit('response.refusal.delta', { ...at, delta })
      : this.emit('response.output_text.delta', { ...at, delta, logprobs: [] });
  }

  private openReasoning(index: number): string {
    const wire = this.closeMessage();
    const block: OpenBlock = {
      kind: 'reasoning',
      outputIndex: this.nextOutputIndex(),
      itemId: newId('rs_'),
      text: '',
    };
    this.blocks.set(index, block);
    const at = { item_id: block.itemId, output_index: block.outputIndex, summary_index: 0 };
    return (
      wire +
      this.emit('response.output_item.added', {
        output_index: block.outputIndex,
        item: reasoningItem(block.itemId, ''),
      }) +
      this.emit('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } })
    );
  }

  private reasoningDelta(index: number, delta: string): string {
    const block = this.blocks.get(index);
    if (block?.kind !== 'reasoning' || delta === '') return '';
    block.text += delta;
    return this.emit('response.reasoning_summary_text.delta', {
      item_id: block.itemId,
      output_index: block.outputIndex,
      summary_index: 0,
      delta,
    });
  }

  private openTool(index: number, id: string, name: string): string {
    const wire = this.closeMessage();
    const block: OpenBlock = {
      kind: 'tool',
      outputIndex: this.nextOutputIndex(),
      itemId: newId('fc_'),
      id,
      name,
      arguments: '',
    };
    this.blocks.set(index, block);
    return (
      wire +
      this.emit('response.output_item.added', {
        output_index: block.outputIndex,
        item: functionCallItem(block.itemId, block, 'in_progress'),
      })
    );
  }

  private toolDelta(index: number, delta: string): string {
    const block = this.blocks.get(index);
    if (block?.kind !== 'tool' || delta === '') return '';
    block.arguments += delta;
    return this.emit('response.function_call_arguments.delta', {
      item_id: block.itemId,
      output_index: block.outputIndex,
      delta,
    });
  }

  private closeBlock(index: number): string {
    const block = this.blocks.get(index);
    if (!block) return '';
    this.blocks.delete(index);
    switch (block.kind) {
      case 'text': {
        const at = {
          item_id: block.itemId,
          output_index: block.outputIndex,
          content_index: block.contentIndex,
        };
        const part = textPart(block.text, block.refusal);
        if (this.message?.itemId === block.itemId) this.message.parts[block.contentIndex] = part;
        const done = block.refusal
          ? this.emit('response.refusal.done', { ...at, refusal: block.text })
          : this.emit('response.output_text.done', { ...at, text: block.text, logprobs: [] });
        return done + this.emit('response.content_part.done', { ...at, part });
      }
      case 'reasoning': {
        const at = { item_id: block.itemId, output_index: block.outputIndex, summary_index: 0 };
        const item = reasoningItem(block.itemId, block.text, block.signature);
        return (
          this.emit('response.reasoning_summary_text.done', { ...at, text: block.text }) +
          this.emit('response.reasoning_summary_part.done', {
            ...at,
            part: { type: 'summary_text', text: block.text },
          }) +
          this.itemDone(block.outputIndex, item)
        );
      }
      case 'tool': {
        const item = functionCallItem(block.itemId, block, 'completed');
        return (
          this.emit('response.function_call_arguments.done', {
            item_id: block.itemId,
            output_index: block.outputIndex,
            name: block.name,
            arguments: block.arguments,
          }) + this.itemDone(block.outputIndex, item)
        );
      }
    }
  }

  private closeMessage(): string {
    if (!this.message) return '';
    let wire = '';
    for (const [index, block] of this.blocks) if (block.kind === 'text') wire += this.closeBlock(index);
    const { itemId, outputIndex, parts } = this.message;
    this.message = undefined;
    return wire + this.itemDone(outputIndex, messageItem(itemId, parts, 'completed'));
  }

  private itemDone(outputIndex: number, item: WireObject): string {
    this.done[outputIndex] = item;
    return this.emit('response.output_item.done', { output_index: outputIndex, item });
  }

  private finish(stopReason: StopReason, usage: Usage): string {
    let wire = this.closeMessage();
    for (const index of [...this.blocks.keys()]) wire += this.closeBlock(index);
    this.closed = true;
    const status = finalStatus(stopReason);
    const response = this.envelope(status, {
      output: this.done.filter(Boolean),
      stopReason,
      usage: usage ?? this.usage,
    });
    return (
      wire + this.emit(status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response })
    );
  }

  private fail(error: GatewayErrorInfo): string {
    this.closed = true;
    const wire = (openAIErrorBody(error).error ?? {}) as WireObject;
    const failed = this.envelope('failed', {
      output: this.done.filter(Boolean),
      error: {
        code: error.kind === 'rate_limit' ? 'rate_limit_exceeded' : 'server_error',
        message: error.message,
      },
    });
    return (
      this.emit('error', {
        code: wire.code ?? wire.type,
        message: error.message,
        param: wire.param ?? null,
      }) + this.emit('response.failed', { response: failed })
    );
  }
}
