import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { parseConfig, readEnv, VerosekConfigModule } from '@verosek/config';
import { scan } from '@verosek/shield';
import { ShieldAdminModule } from './shield-admin.module';

const MASTER = 'test-master-key-0123456789';
const GITHUB_TOKEN = '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';

describe('POST /admin/shield/scan (Fastify inject)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        VerosekConfigModule.forRoot({
          env: readEnv({ VEROSEK_MASTER_KEY: MASTER }),
          config: parseConfig(
            'shield:\n  pre: { pii: log }\n  entities: { ip_address: off }\n',
            'test.yaml',
            {},
          ),
        }),
        ShieldAdminModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app?.close());

  const post = (payload: unknown, token: string | null = MASTER) =>
    app.inject({
      method: 'POST',
      url: '/admin/shield/scan',
      payload: payload as object,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  it('returns every finding with its span and score, and the configured policy verdict', async () => {
    const text = `mail anna@example.com from 10.0.0.1 with ${GITHUB_TOKEN}`;
    const res = await post({ text });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verdict).toBe('block');
    expect(body.findings).toEqual([
      { type: 'EMAIL', start: 5, end: 21, score: 0.95, action: 'log' },
      { type: 'IP_ADDRESS', start: 27, end: 35, score: 0.9, action: 'off' },
      { type: 'GITHUB_TOKEN', start: 41, end: 41 + GITHUB_TOKEN.length, score: 0.99, action: 'block' },
    ]);
    // Exactly the hot path's detectors.
    expect(
      body.findings.map((f: { type: string; start: number; end: number }) => [f.type, f.start, f.end]),
    ).toEqual(scan(text).map((f) => [f.type, f.start, f.end]));
    expect(res.body).not.toContain(GITHUB_TOKEN);
    expect(res.body).not.toContain('anna@example.com');
  });

  it('answers allow with no findings for clean text, and log-only findings do not change it', async () => {
    expect((await post({ text: 'What is the capital of France?' })).json()).toEqual({
      findings: [],
      verdict: 'allow',
    });
    expect((await post({ text: 'write to anna@example.com' })).json().verdict).toBe('allow');
    expect((await post({ text: '' })).json()).toEqual({ findings: [], verdict: 'allow' });
  });

  it.each<[string, unknown, string]>([
    ['a missing text', {}, 'text'],
    ['a text that is not a string', { text: 42 }, 'text'],
    ['an unknown field', { text: 'hi', direction: 'post' }, 'direction'],
    ['a body that is not an object', ['text'], 'text'],
  ])('refuses %s with a 400 naming the field', async (_name, payload, param) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ type: 'invalid_request_error', param });
    expect(res.json().error.message).toContain(param);
  });

  it('needs the master key', async () => {
    expect((await post({ text: 'hi' }, null)).statusCode).toBe(401);
    expect((await post({ text: 'hi' }, 'wrong-key')).statusCode).toBe(401);
  });
});
