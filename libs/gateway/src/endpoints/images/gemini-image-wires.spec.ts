import { GatewayError } from '@verosek/protocol';
import { geminiImageWire } from './gemini-image-wire';
import { imagenImageWire } from './imagen-image-wire';

const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('imagenImageWire', () => {
  it('asks :predict for sampleCount images in the nearest aspect ratio', () => {
    expect(
      imagenImageWire.request({ prompt: 'a fox', n: 2, size: '1024x1792' }, 'imagen-4.0-generate-001'),
    ).toEqual({
      path: '/models/imagen-4.0-generate-001:predict',
      body: { instances: [{ prompt: 'a fox' }], parameters: { sampleCount: 2, aspectRatio: '9:16' } },
    });
  });

  it('reads each prediction as one image, skipping filtered ones', () => {
    const answer = imagenImageWire.answer({
      predictions: [
        { bytesBase64Encoded: 'AAAA', mimeType: 'image/png' },
        { raiFilteredReason: 'filtered' },
        { bytesBase64Encoded: 'BBBB', mimeType: 'image/png' },
      ],
    });
    expect(answer.usage).toBeUndefined();
    expect(answer.body).toMatchObject({
      data: [{ b64_json: 'AAAA' }, { b64_json: 'BBBB' }],
      output_format: 'png',
    });
  });

  it('answers a content policy 400 when every image was filtered, and a plain error for no images', () => {
    const refused = refusalOf(() =>
      imagenImageWire.answer({ predictions: [{ raiFilteredReason: 'sexual' }] }),
    );
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).info).toMatchObject({ status: 400, code: 'content_policy_violation' });
    const unreadable = refusalOf(() => imagenImageWire.answer({}));
    expect(unreadable).not.toBeInstanceOf(GatewayError);
  });
});

describe('geminiImageWire', () => {
  it('asks :generateContent for text and image output in the nearest aspect ratio', () => {
    expect(geminiImageWire.request({ prompt: 'a fox', size: '1536x1024' }, 'gemini-2.5-flash-image')).toEqual(
      {
        path: '/models/gemini-2.5-flash-image:generateContent',
        body: {
          contents: [{ role: 'user', parts: [{ text: 'a fox' }] }],
          generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '3:2' } },
        },
      },
    );
  });

  it('makes one image per call: n > 1 is a 400 naming n', () => {
    const err = refusalOf(() => geminiImageWire.request({ prompt: 'x', n: 2 }, 'gemini-2.5-flash-image'));
    expect((err as GatewayError).info).toMatchObject({ status: 400, param: 'n' });
  });

  it('reads the inlineData image parts and the usage, ignoring text parts', () => {
    const answer = geminiImageWire.answer({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ text: 'Here is a fox.' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 1295, totalTokenCount: 1301 },
    });
    expect(answer.usage).toEqual({ inputTokens: 6, outputTokens: 1295 });
    expect(answer.body).toMatchObject({
      data: [{ b64_json: 'AAAA' }],
      usage: { input_tokens: 6, output_tokens: 1295, total_tokens: 1301 },
    });
  });

  it('answers a content policy 400 for a blocked prompt or image, and a plain error for text only', () => {
    for (const blocked of [
      { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } },
      { candidates: [{ finishReason: 'IMAGE_SAFETY' }] },
    ]) {
      const err = refusalOf(() => geminiImageWire.answer(blocked));
      expect((err as GatewayError).info).toMatchObject({ status: 400, code: 'content_policy_violation' });
    }
    const textOnly = refusalOf(() =>
      geminiImageWire.answer({
        candidates: [{ content: { parts: [{ text: 'no' }] }, finishReason: 'STOP' }],
      }),
    );
    expect(textOnly).not.toBeInstanceOf(GatewayError);
  });
});
