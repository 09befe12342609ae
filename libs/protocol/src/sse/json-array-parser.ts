import { GatewayError } from '../gateway-error';

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/**
 * Incremental parser for a stream that is one JSON array of objects (Gemini
 * `:streamGenerateContent` without `alt=sse`): `[{...}\n,\r\n{...}\n]`. Yields each element as soon
 * as its closing brace arrives, whatever the chunk boundaries.
 */
export class JsonArrayStreamParser {
  private pending = '';
  private started = false;
  private closed = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Offset in `pending` where the current element began, or -1 between elements. */
  private elementStart = -1;

  push(chunk: string): unknown[] {
    const out: unknown[] = [];
    const text = this.pending + chunk;
    const scanFrom = this.pending.length;
    let consumed = 0;
    for (let i = scanFrom; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === OPEN_BRACKET && !this.started) {
          this.started = true;
        } else if (c === OPEN_BRACE && this.started && !this.closed) {
          this.depth = 1;
          this.elementStart = i;
        } else if (c === CLOSE_BRACKET && this.started) {
          this.closed = true;
        } else if (c !== COMMA && !isJsonSpace(c)) {
          throw new GatewayError(
            'api_error',
            `unexpected character '${String.fromCharCode(c)}' in JSON array stream`,
          );
        }
        consumed = i + 1;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) {
          out.push(JSON.parse(text.slice(this.elementStart, i + 1)));
          this.elementStart = -1;
          consumed = i + 1;
        }
      }
    }
    // `pending` is always fully scanned; the scan state above describes its end.
    if (this.elementStart >= 0) {
      this.pending = text.slice(this.elementStart);
      this.elementStart = 0;
    } else {
      this.pending = consumed >= text.length ? '' : text.slice(consumed);
    }
    return out;
  }

  /** True once the closing bracket was seen. */
  get complete(): boolean {
    return this.closed;
  }

  end(): void {
    if (this.depth !== 0 || this.inString) {
      throw new GatewayError('api_error', 'JSON array stream ended inside an element');
    }
  }
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
