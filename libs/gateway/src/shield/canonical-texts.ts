import type { CanonicalRequest, ContentPart } from '@verosek/protocol';

type TextMapper = (text: string) => string;

/**
 * Visits every text a request or response carries, in a fixed order, and writes back what the
 * mapper returns: text parts, tool-call arguments and tool results (system prompts included).
 * Images, audio and thinking signatures are not text the Shield reads.
 */
export function mapPartsText(parts: ContentPart[], map: TextMapper): void {
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        part.text = map(part.text);
        break;
      case 'tool_call':
        part.arguments = map(part.arguments);
        break;
      case 'tool_result':
        if (typeof part.content === 'string') part.content = map(part.content);
        else for (const inner of part.content) if (inner.type === 'text') inner.text = map(inner.text);
        break;
    }
  }
}

export function mapRequestText(request: CanonicalRequest, map: TextMapper): void {
  mapPartsText(request.system, map);
  for (const message of request.messages) mapPartsText(message.content, map);
}

/** Collects texts with one visit, then lets the caller write replacements back in the same order. */
export function collectTexts(visit: (map: TextMapper) => void): {
  texts: string[];
  writeBack(replacements: string[]): void;
} {
  const texts: string[] = [];
  visit((text) => {
    texts.push(text);
    return text;
  });
  return {
    texts,
    writeBack(replacements) {
      let i = 0;
      visit(() => replacements[i++]);
    },
  };
}
