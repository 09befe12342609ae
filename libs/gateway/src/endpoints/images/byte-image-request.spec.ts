import { GatewayError } from '@verosek/protocol';
import { aspectRatioOf, byteImageRequest, imagesAnswer } from './byte-image-request';

const IMAGEN_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'];
const LIMITS = { maxImages: 4, aspectRatios: IMAGEN_RATIOS };

function refusal(fn: () => unknown): GatewayError['info'] {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err.info;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

describe('aspectRatioOf', () => {
  it.each([
    ['1024x1024', '1:1'],
    ['256x256', '1:1'],
    ['1536x1024', '4:3'],
    ['1024x1536', '3:4'],
    ['1792x1024', '16:9'],
    ['1024x1792', '9:16'],
    ['1920x1080', '16:9'],
    ['4000x1000', '16:9'],
  ])('maps %s to the nearest Imagen ratio %s', (size, ratio) => {
    expect(aspectRatioOf(size, IMAGEN_RATIOS)).toBe(ratio);
  });

  it('uses the ratios the model has (2:3 for Gemini image models)', () => {
    expect(aspectRatioOf('1024x1536', ['1:1', '2:3', '3:4'])).toBe('2:3');
  });

  it('leaves auto and no size to the model', () => {
    expect(aspectRatioOf(undefined, IMAGEN_RATIOS)).toBeUndefined();
    expect(aspectRatioOf(null, IMAGEN_RATIOS)).toBeUndefined();
    expect(aspectRatioOf('auto', IMAGEN_RATIOS)).toBeUndefined();
  });

  it.each(['big', '1024', '0x1024', 1024, '1024x1024px'])('refuses size %p naming the field', (size) => {
    expect(refusal(() => aspectRatioOf(size, IMAGEN_RATIOS))).toMatchObject({ status: 400, param: 'size' });
  });
});

describe('byteImageRequest', () => {
  it('reads prompt, n (default 1) and the aspect ratio', () => {
    expect(byteImageRequest({ prompt: 'a fox', n: 3, size: '1792x1024' }, LIMITS)).toEqual({
      prompt: 'a fox',
      n: 3,
      aspectRatio: '16:9',
    });
    expect(byteImageRequest({ prompt: 'a fox' }, LIMITS)).toEqual({ prompt: 'a fox', n: 1 });
  });

  it('refuses more images than the model makes per call, naming n', () => {
    const info = refusal(() => byteImageRequest({ prompt: 'x', n: 5 }, LIMITS));
    expect(info).toMatchObject({ status: 400, param: 'n', code: 'unsupported_parameter' });
    expect(info.message).toContain('at most 4 images');
    expect(
      refusal(() => byteImageRequest({ prompt: 'x', n: 2 }, { ...LIMITS, maxImages: 1 })).message,
    ).toContain('at most 1 image per call');
    expect(refusal(() => byteImageRequest({ prompt: 'x', n: 0 }, LIMITS))).toMatchObject({ param: 'n' });
    expect(refusal(() => byteImageRequest({ prompt: 'x', n: 1.5 }, LIMITS))).toMatchObject({ param: 'n' });
  });

  it.each([
    ['response_format', 'url'],
    ['stream', true],
    ['output_format', 'jpeg'],
    ['background', 'transparent'],
  ])('refuses %s %p, which bytes-only providers cannot serve', (field, value) => {
    expect(refusal(() => byteImageRequest({ prompt: 'x', [field]: value }, LIMITS))).toMatchObject({
      status: 400,
      param: field,
      code: 'unsupported_parameter',
    });
  });

  it('accepts what they do serve and drops style hints', () => {
    const body = {
      prompt: 'x',
      response_format: 'b64_json',
      stream: false,
      output_format: 'png',
      background: 'opaque',
      quality: 'hd',
      style: 'vivid',
      user: 'u-1',
    };
    expect(byteImageRequest(body, LIMITS)).toEqual({ prompt: 'x', n: 1 });
  });

  it('requires a prompt', () => {
    expect(refusal(() => byteImageRequest({}, LIMITS))).toMatchObject({ param: 'prompt' });
  });
});

describe('imagesAnswer', () => {
  it('answers b64_json with the output format and gpt-image style usage', () => {
    const answer = imagesAnswer([{ data: 'AAAA', mimeType: 'image/png' }], {
      inputTokens: 7,
      outputTokens: 1290,
    });
    expect(answer.usage).toEqual({ inputTokens: 7, outputTokens: 1290 });
    expect(answer.body).toEqual({
      created: expect.any(Number),
      data: [{ b64_json: 'AAAA' }],
      output_format: 'png',
      usage: {
        input_tokens: 7,
        output_tokens: 1290,
        total_tokens: 1297,
        input_tokens_details: { text_tokens: 7, image_tokens: 0 },
      },
    });
  });

  it('leaves usage out when the provider reports none', () => {
    expect(imagesAnswer([{ data: 'AAAA' }], undefined).body).toEqual({
      created: expect.any(Number),
      data: [{ b64_json: 'AAAA' }],
    });
  });
});
