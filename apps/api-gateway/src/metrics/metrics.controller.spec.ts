import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { MetricsModule, MetricsService } from '@verosek/gateway/metrics';
import { MetricsController } from './metrics.controller';

describe('GET /metrics', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule],
      controllers: [MetricsController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('serves the Prometheus text format with what the service recorded', async () => {
    app.get(MetricsService).observeStage('translation', 0.2);
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toContain('# TYPE verosek_stage_duration_seconds histogram');
    expect(res.body).toContain('verosek_stage_duration_seconds_count{stage="translation"} 1');
  });
});
