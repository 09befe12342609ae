import { GatewayError } from '@verosek/protocol';
import { Readable } from 'node:stream';
import { SpooledForm } from '../multipart/spooled-form';
import { geminiImageEditWire } from './gemini-image-edit-wire';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const LIMITS = { fileBytes: 50 * 1024 * 1024, files: 17, fields: 32, fieldBytes: 64 * 1024 };

type Entry = [name: string, value: string | { bytes: Buffer; filename: string; type?: string }];

/** A form spooled from a real multipart body, as the relay reads one. */
async function spool(entries: Entry[]): Promise<SpooledForm> {
  const data = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([value.bytes], { type: value.type ?? '' }), value.filename);
  }
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  return SpooledForm.read(
    Readable.from([body]),
    { 'content-type': encoded.headers.get('content-type')! },
    LIMITS,
  );
}

async function infoOfRefusal(entries: Entry[]): Promise<GatewayError['info']> {
  const form = await spool(entries);
  try {
    const err = await geminiImageEditWire.request(form, 'gemini-2.5-flash-image').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    return (err as GatewayError).info;
  } finally {
    await form.dispose();
  }
}

describe('geminiImageEditWire', () => {
  it('sends the images as inlineData parts before the prompt, size as the nearest aspect ratio', async () => {
    const form = await spool([
      ['image[]', { bytes: PNG, filename: 'a.png', type: 'application/octet-stream' }],
      ['image[]', { bytes: JPEG, filename: 'b.jpg', type: 'image/jpeg' }],
      ['prompt', 'put a hat on it'],
      ['model', 'gemini-image'],
      ['size', '1536x1024'],
      ['n', '1'],
      ['stream', 'false'],
      ['quality', 'high'],
    ]);
    try {
      expect(await geminiImageEditWire.request(form, 'gemini-2.5-flash-image')).toEqual({
        path: '/models/gemini-2.5-flash-image:generateContent',
        body: {
          contents: [
            {
              role: 'user',
              parts: [
                { inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } },
                { inlineData: { mimeType: 'image/jpeg', data: JPEG.toString('base64') } },
                { text: 'put a hat on it' },
              ],
            },
          ],
          generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '3:2' } },
        },
      });
    } finally {
      await form.dispose();
    }
  });

  it('refuses a mask with a 400 naming mask', async () => {
    const info = await infoOfRefusal([
      ['image', { bytes: PNG, filename: 'a.png' }],
      ['mask', { bytes: PNG, filename: 'mask.png' }],
      ['prompt', 'x'],
    ]);
    expect(info).toMatchObject({ status: 400, param: 'mask', code: 'unsupported_parameter' });
    expect(info.message).toContain("'mask'");
  });

  it.each([
    [[['n', '2']], 'n'],
    [[['n', 'two']], 'n'],
    [[['stream', 'true']], 'stream'],
    [[['response_format', 'url']], 'response_format'],
    [[['size', 'huge']], 'size'],
    [[], 'prompt'],
  ] as Array<[Entry[], string]>)(
    'reads text fields as the generation body does (%j: 400 naming %s)',
    async (fields, param) => {
      const prompt: Entry[] = param === 'prompt' ? [] : [['prompt', 'x']];
      const info = await infoOfRefusal([['image', { bytes: PNG, filename: 'a.png' }], ...prompt, ...fields]);
      expect(info).toMatchObject({ status: 400, param });
    },
  );

  it('refuses a file that is no PNG, JPEG or WebP, and a file field an edit does not take', async () => {
    const gif = await infoOfRefusal([
      ['image', { bytes: Buffer.from('GIF89a....'), filename: 'a.gif', type: 'image/gif' }],
      ['prompt', 'x'],
    ]);
    expect(gif).toMatchObject({ status: 400, param: 'image' });
    expect(gif.message).toContain('a.gif');
    const stray = await infoOfRefusal([
      ['image', { bytes: PNG, filename: 'a.png' }],
      ['picture', { bytes: PNG, filename: 'b.png' }],
      ['prompt', 'x'],
    ]);
    expect(stray).toMatchObject({ status: 400, param: 'picture' });
  });

  it("refuses images past Gemini's 20 MB inline request limit with a 413 naming image, before reading them", async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0);
    PNG.copy(big);
    const info = await infoOfRefusal([
      ['image[]', { bytes: big, filename: 'a.png' }],
      ['image[]', { bytes: big, filename: 'b.png' }],
      ['prompt', 'x'],
    ]);
    expect(info).toMatchObject({ status: 413, param: 'image', code: 'request_too_large' });
    expect(info.message).toContain('20971520');
  });

  it('reads the answer as generations do', () => {
    const answer = geminiImageEditWire.answer({
      candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] } }],
    });
    expect(answer.body).toMatchObject({ data: [{ b64_json: 'AAAA' }], output_format: 'png' });
  });
});
