/** One Server-Sent Event as dispatched by the WHATWG algorithm. */
export interface SseEvent {
  /** The `event:` name, when the event had one. */
  event?: string;
  /** The `data:` lines joined with '\n'. */
  data: string;
  id?: string;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

/**
 * Incremental SSE parser: feed text chunks split anywhere (even between a CR and its LF); get the
 * complete events. Accepts LF, CRLF and CR line ends, multi-line data, `event:`/`id:` fields and
 * comments. At `end()` an event not closed by a blank line is still dispatched (real streams and
 * recordings often lack the final blank line).
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventName: string | undefined;
  private id: string | undefined;
  private sawField = false;
  private first = true;

  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = this.buffer.length > 0 ? this.buffer + chunk : chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      if (c === CR) {
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
        if (i + 1 === length) break;
        this.line(text, start, i, out);
        if (text.charCodeAt(i + 1) === LF) i++;
      } else {
        this.line(text, start, i, out);
      }
      start = i + 1;
    }
    this.buffer = start < length ? text.slice(start) : '';
    return out;
  }

  end(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.buffer.length > 0) {
      const rest = this.buffer;
      this.buffer = '';
      const trimmed = rest.charCodeAt(rest.length - 1) === CR ? rest.length - 1 : rest.length;
      this.line(rest, 0, trimmed, out);
    }
    this.dispatch(out);
    return out;
  }

  private line(text: string, start: number, end: number, out: SseEvent[]): void {
    if (start === end) {
      this.dispatch(out);
      return;
    }
    if (text.charCodeAt(start) === COLON) return; // comment
    const colon = text.indexOf(':', start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = text.slice(start, end);
      value = '';
    } else {
      field = text.slice(start, colon);
      const valueStart = text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
      value = valueStart >= end ? '' : text.slice(valueStart, end);
    }
    switch (field) {
      case 'data':
        this.data.push(value);
        this.sawField = true;
        break;
      case 'event':
        this.eventName = value;
        this.sawField = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        this.sawField = true;
        break;
      default:
        // `retry:` and unknown fields carry nothing we use.
        break;
    }
  }

  private dispatch(out: SseEvent[]): void {
    if (!this.sawField) return;
    if (this.data.length > 0) {
      const event: SseEvent = { data: this.data.length === 1 ? this.data[0] : this.data.join('\n') };
      if (this.eventName !== undefined && this.eventName !== '') event.event = this.eventName;
      if (this.id !== undefined) event.id = this.id;
      out.push(event);
    }
    this.data = [];
    this.eventName = undefined;
    this.sawField = false;
  }
}
