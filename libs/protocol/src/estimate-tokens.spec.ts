import { estimateInputTokens } from './estimate-tokens';
import { needsInlineImages, parseDataUrl } from './images';
import { richRequest } from './test-support/rich-request';

describe('estimateInputTokens', () => {
  it('counts about 4 characters a token plus framing per message', () => {
    const text = 'x'.repeat(400);
    const one = estimateInputTokens({
      model: 'm',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text }] }],
      stream: false,
    });
    expect(one).toBe(3 + 4 + 100);
    const two = estimateInputTokens({
      model: 'm',
      system: [{ type: 'text', text }],
      messages: [{ role: 'user', content: [{ type: 'text', text }] }],
      stream: false,
    });
    expect(two).toBe(3 + 4 + 4 + 200);
  });

  it('grows with tools, tool calls, results and images', () => {
    const base = richRequest();
    const withoutTools = estimateInputTokens({ ...base, tools: undefined });
    expect(estimateInputTokens(base)).toBeGreaterThan(withoutTools);
    const withoutImage = richRequest();
    withoutImage.messages[0].content.pop();
    expect(estimateInputTokens(base) - estimateInputTokens(withoutImage)).toBe(765);
  });
});

describe('images', () => {
  it('only Gemini needs URL images inlined', () => {
    expect(needsInlineImages('gemini')).toBe(true);
    expect(needsInlineImages('openai-chat')).toBe(false);
    expect(needsInlineImages('anthropic-messages')).toBe(false);
  });

  it('parses base64 data URLs only', () => {
    expect(parseDataUrl('data:image/webp;base64,AAAA')).toEqual({ mediaType: 'image/webp', data: 'AAAA' });
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(parseDataUrl('https://x.test/a.png')).toBeUndefined();
  });
});
