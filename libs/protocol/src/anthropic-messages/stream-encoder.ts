import type { CanonicalStreamEvent, StopReason, Usage } from '../canonical';
import type { StreamEncoder, StreamEncoderOptions } from '../codec';
import { newId } from '../util/ids';
import type { WireObject } from '../util/wire-reader';
import { anthropicErrorBody } from './errors';
import { stopReasonToAnthropic, usageToAnthropic } from './maps';

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

/**
 * Canonical events -> Anthropic SSE (`event: <type>\ndata: <json>\n\n`) as MessageStream parses it:
 * message_start, ping, content_block_start / _delta / _stop per block (renumbered 0, 1, 2...),
 * message_delta with stop reason and usage, message_stop. `message_start` waits for the first
 * content so that usage known by then (Anthropic and Gemini upstreams) rides in it.
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private messageId: string | undefined;
  private opened = false;
  private usage: Usage = ZERO_USAGE;
  private nextWireIndex = 0;
  private readonly wireIndex = new Map<number, number>();
  private readonly openBlocks = new Set<number>();
  /** Redacted thinking blocks wait for their data, which content_block_start must carry. */
  private readonly pendingRedacted = new Set<number>();

  constructor(private readonly options: StreamEncoderOptions) {}

  encode(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        this.messageId = event.id;
        return '';
      case 'usage':
        this.usage = event.usage;
        return '';
      case 'text-start':
        return this.blockStart(event.index, '{"type":"text","text":""}');
      case 'text-delta':
        return event.text === ''
          ? ''
          : this.delta(event.index, `{"type":"text_delta","text":${JSON.stringify(event.text)}}`);
      case 'thinking-start':
        if (event.redacted) {
          this.pendingRedacted.add(event.index);
          return this.ensureOpened();
        }
        return this.blockStart(event.index, '{"type":"thinking","thinking":"","signature":""}');
      case 'thinking-delta':
        return event.text === ''
          ? ''
          : this.delta(event.index, `{"type":"thinking_delta","thinking":${JSON.stringify(event.text)}}`);
      case 'thinking-signature':
        if (this.pendingRedacted.delete(event.index)) {
          return this.blockStart(
            event.index,
            `{"type":"redacted_thinking","data":${JSON.stringify(event.signature)}}`,
          );
        }
        return this.delta(
          event.index,
          `{"type":"signature_delta","signature":${JSON.stringify(event.signature)}}`,
        );
      case 'tool-call-start':
        return this.blockStart(
          event.index,
          `{"type":"tool_use","id":${JSON.stringify(event.id)},"name":${JSON.stringify(event.name)},"input":{}}`,
        );
      case 'tool-call-delta':
        return this.delta(
          event.index,
          `{"type":"input_json_delta","partial_json":${JSON.stringify(event.argumentsDelta)}}`,
        );
      case 'block-end':
        return this.blockStop(event.index);
      case 'finish':
        return this.finish(event.stopReason, event.stopSequence, event.usage);
      case 'error':
        return frame('error', JSON.stringify(anthropicErrorBody(event.error)));
    }
  }

  end(): string {
    return '';
  }

  private ensureOpened(): string {
    if (this.opened) return '';
    this.opened = true;
    const message = {
      id: this.messageId ?? newId('msg_'),
      type: 'message',
      role: 'assistant',
      model: this.options.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usageToAnthropic(this.usage),
    };
    return (
      frame('message_start', JSON.stringify({ type: 'message_start', message })) +
      frame('ping', '{"type":"ping"}')
    );
  }

  private blockStart(index: number, blockJson: string): string {
    const wire = this.nextWireIndex++;
    this.wireIndex.set(index, wire);
    this.openBlocks.add(index);
    return (
      this.ensureOpened() +
      frame(
        'content_block_start',
        `{"type":"content_block_start","index":${wire},"content_block":${blockJson}}`,
      )
    );
  }

  private delta(index: number, deltaJson: string): string {
    const wire = this.wireIndex.get(index);
    if (wire === undefined || !this.openBlocks.has(index)) return '';
    return frame(
      'content_block_delta',
      `{"type":"content_block_delta","index":${wire},"delta":${deltaJson}}`,
    );
  }

  private blockStop(index: number): string {
    if (!this.openBlocks.delete(index)) return '';
    return frame('content_block_stop', `{"type":"content_block_stop","index":${this.wireIndex.get(index)}}`);
  }

  private finish(stopReason: StopReason, stopSequence: string | undefined, usage: Usage): string {
    let out = this.ensureOpened();
    for (const index of [...this.openBlocks]) out += this.blockStop(index);
    const delta: WireObject = {
      stop_reason: stopReasonToAnthropic(stopReason),
      stop_sequence: stopSequence ?? null,
    };
    out += frame(
      'message_delta',
      JSON.stringify({ type: 'message_delta', delta, usage: usageToAnthropic(usage) }),
    );
    return out + frame('message_stop', '{"type":"message_stop"}');
  }
}

function frame(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}
