import type { CanonicalResponse, CanonicalStreamEvent, ContentPart, GatewayErrorInfo } from './canonical';

/**
 * Folds canonical stream events into the response they describe (blocks in index order). For
 * callers that need the whole answer of a stream (audit, non-stream clients of a streaming
 * upstream, tests). `error` is set when the stream carried an error event.
 */
export class StreamCollector {
  private readonly blocks = new Map<number, ContentPart>();
  private response: CanonicalResponse = {
    id: '',
    model: '',
    created: 0,
    content: [],
    stopReason: 'error',
    usage: { inputTokens: 0, outputTokens: 0 },
  };
  private finished = false;
  error: GatewayErrorInfo | undefined;

  add(event: CanonicalStreamEvent): void {
    switch (event.type) {
      case 'start':
        this.response.id = event.id;
        this.response.model = event.model;
        this.response.created = event.created;
        break;
      case 'text-start':
        this.blocks.set(
          event.index,
          event.refusal ? { type: 'text', text: '', refusal: true } : { type: 'text', text: '' },
        );
        break;
      case 'text-delta': {
        const block = this.blocks.get(event.index);
        if (block?.type === 'text') {
          block.text += event.text;
          if (event.signature !== undefined) block.signature = event.signature;
        }
        break;
      }
      case 'thinking-start':
        this.blocks.set(
          event.index,
          event.redacted ? { type: 'thinking', text: '', redacted: true } : { type: 'thinking', text: '' },
        );
        break;
      case 'thinking-delta': {
        const block = this.blocks.get(event.index);
        if (block?.type === 'thinking') block.text += event.text;
        break;
      }
      case 'thinking-signature': {
        const block = this.blocks.get(event.index);
        if (block?.type === 'thinking')
          block.signature = (block.redacted ? '' : (block.signature ?? '')) + event.signature;
        break;
      }
      case 'tool-call-start': {
        const call: ContentPart = { type: 'tool_call', id: event.id, name: event.name, arguments: '' };
        if (event.signature !== undefined) call.signature = event.signature;
        this.blocks.set(event.index, call);
        break;
      }
      case 'tool-call-delta': {
        const block = this.blocks.get(event.index);
        if (block?.type === 'tool_call') block.arguments += event.argumentsDelta;
        break;
      }
      case 'usage':
        this.response.usage = event.usage;
        break;
      case 'finish':
        this.finished = true;
        this.response.stopReason = event.stopReason;
        this.response.usage = event.usage;
        if (event.rawStopReason !== undefined) this.response.rawStopReason = event.rawStopReason;
        if (event.stopSequence !== undefined) this.response.stopSequence = event.stopSequence;
        break;
      case 'error':
        this.error = event.error;
        break;
      case 'block-end':
        break;
    }
  }

  addAll(events: Iterable<CanonicalStreamEvent>): this {
    for (const event of events) this.add(event);
    return this;
  }

  /** True once a `finish` event arrived. */
  get complete(): boolean {
    return this.finished;
  }

  result(): CanonicalResponse {
    const indices = [...this.blocks.keys()].sort((a, b) => a - b);
    return { ...this.response, content: indices.map((i) => this.blocks.get(i)!) };
  }
}
