export interface SseWriteOptions {
  /** Line terminator; Gemini's real API uses CRLF, OpenAI and Anthropic use LF. */
  lineEnd?: '\n' | '\r\n';
}

/** Serializes one SSE event; data containing line breaks becomes several `data:` lines. */
export function serializeSse(data: string, event?: string, options: SseWriteOptions = {}): string {
  const nl = options.lineEnd ?? '\n';
  const head = event === undefined ? '' : `event: ${event}${nl}`;
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${head}data: ${data}${nl}${nl}`;
  const lines = data.split(/\r\n|\r|\n/);
  let body = '';
  for (const line of lines) body += `data: ${line}${nl}`;
  return `${head}${body}${nl}`;
}

/** An SSE comment line (keep-alive). */
export function serializeSseComment(text: string, options: SseWriteOptions = {}): string {
  const nl = options.lineEnd ?? '\n';
  return `: ${text}${nl}${nl}`;
}
