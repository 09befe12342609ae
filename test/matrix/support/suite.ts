import type { Fakes, RunningGateway } from '../../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../../harness/gateway-harness';
import type { Connection, SdkDriver } from './driver';
import type { Feature, FeatureContext } from './features';
import {
  expectedUsage,
  FEATURES,
  gatewayStatusFor,
  PNG_1X1,
  stopSeenThrough,
  UPSTREAM_ERROR_STATUSES,
} from './features';
import { serveImage } from './image-server';
import type { Ask } from './neutral';
import type { MatrixProvider } from './providers';
import { PROVIDERS } from './providers';
import type { CellResult } from './results';
import { MatrixResults } from './results';
import type { Tap } from './tap';
import { startTap } from './tap';

const MODES = [
  { stream: false, mode: 'plain' },
  { stream: true, mode: 'stream' },
] as const;

const HELLO: Ask = { messages: [{ role: 'user', parts: [{ text: 'Hello' }] }] };

/**
 * The compatibility matrix for one SDK: every feature of FEATURES, plain and streamed, against each
 * provider's fake, then the error table. One gateway and one set of fakes for the file; each cell's
 * outcome lands in test/matrix/.results/<sdk>.json for docs/compatibility.md.
 */
export function runMatrix(driver: SdkDriver): void {
  const results = new MatrixResults(`${driver.name}.json`);
  let fakes: Fakes;
  let gateway: RunningGateway;
  let tap: Tap;
  let image: { url: string; close(): Promise<void> };
  const connection = (apiKey = MASTER_KEY): Connection => ({ url: tap.url, apiKey });

  beforeAll(async () => {
    fakes = await startFakes();
    // No cooldown: the error table fails each deployment on purpose, and the next test must still reach it.
    gateway = await startGateway({
      yaml: threeProviderYaml(
        fakes,
        'routing:\n  allowed_fails: 1000000\nlimits:\n  allow_private_image_urls: true\n',
      ),
    });
    tap = await startTap(gateway.url);
    image = await serveImage(PNG_1X1);
  });
  afterAll(async () => {
    results.write();
    await tap?.close();
    await image?.close();
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => {
    fakes.reset();
    tap.reset();
  });

  for (const provider of PROVIDERS) {
    describe(`${driver.label} -> ${provider.name} upstream`, () => {
      for (const [rank, feature] of FEATURES.entries()) {
        for (const { stream, mode } of MODES) {
          const cell = featureCell(driver, provider, feature, rank, mode);
          if (feature.needs && !driver.abilities.has(feature.needs)) {
            results.add({ ...cell, outcome: 'not-expressible' });
            continue;
          }
          const refusedField = feature.refusedBy?.[provider.name];
          const context = (): FeatureContext => ({ driver, provider, stream, imageUrl: image.url });
          if (refusedField !== undefined) {
            it(`${feature.id} (${mode}): refused with a 400 naming '${refusedField}'`, () =>
              results.run(
                cell,
                'refused',
                () => expectRefusal(feature, context(), refusedField),
                refusedField,
              ));
          } else {
            it(`${feature.id} (${mode})`, () =>
              results.run(cell, 'pass', () => expectFeature(feature, context())));
          }
        }
      }

      for (const [rank, status] of UPSTREAM_ERROR_STATUSES.entries()) {
        for (const { stream, mode } of MODES) {
          const expected = driver.statusFor(gatewayStatusFor(status));
          const cell = errorCell(
            driver,
            provider,
            `upstream-${status}`,
            `Upstream ${status}${status === 429 ? ' (+ retry-after)' : ''}`,
            rank,
            mode,
          );
          it(`upstream ${status} (${mode}): the SDK's typed ${expected} error, tried once`, () =>
            results.run(
              cell,
              'pass',
              () => expectUpstreamError(provider, status, expected, stream),
              String(expected),
            ));
        }
      }

      const afterStatuses = UPSTREAM_ERROR_STATUSES.length;
      const midStream = errorCell(
        driver,
        provider,
        'error-mid-stream',
        "Error mid-stream: the format's error event, the SDK raises",
        afterStatuses,
        'stream',
      );
      it('an upstream error mid-stream ends the stream with the error event the SDK raises', () =>
        results.run(midStream, 'pass', () => expectMidStreamError(provider)));

      for (const { stream, mode } of MODES) {
        const badKey = errorCell(
          driver,
          provider,
          'caller-bad-key',
          "The caller's wrong key",
          afterStatuses + 1,
          mode,
        );
        it(`a wrong caller key (${mode}): the SDK's typed 401, nothing sent upstream`, () =>
          results.run(badKey, 'pass', () => expectBadKey(provider, stream), '401'));
      }
    });
  }

  async function expectFeature(feature: Feature, ctx: FeatureContext): Promise<void> {
    const { provider, stream } = ctx;
    const fake = provider.fake(fakes);
    const script = feature.script;
    fake.script(script);
    const answer = await driver.call(connection(), feature.ask(ctx), provider.group, stream);

    // The translated request: valid against the provider's spec, with the feature's fields in place.
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent.errors).toEqual([]);
    expect(sent.valid).toBe(true);
    feature.upstream(provider.read(sent.body), ctx);

    // What the SDK made of the answer: exactly what the fake produced.
    const scriptedCalls = script.toolCalls ?? [];
    const text = script.text ?? (scriptedCalls.length > 0 ? '' : undefined);
    if (text !== undefined) expect(answer.text).toBe(text);
    expect(answer.toolCalls.map(({ name, args }) => ({ name, args }))).toEqual(
      scriptedCalls.map((call) => ({ name: call.name, args: call.arguments })),
    );
    if (driver.name !== 'gemini') for (const call of answer.toolCalls) expect(call.id).not.toBe('');
    const scriptedStop = script.stopReason ?? (scriptedCalls.length > 0 ? 'tool_use' : 'end_turn');
    expect(answer.stop).toBe(driver.stopFor(stopSeenThrough(provider, scriptedStop)));
    const usage = expectedUsage(script, driver, provider);
    if (usage) expect(answer.usage).toEqual(usage);
    feature.answer?.(answer, ctx);

    // The gateway's own bytes, against the caller's spec.
    const exchange = await tap.last();
    expect(exchange.status).toBe(200);
    expect(driver.specErrors(exchange, stream)).toEqual([]);
  }

  async function expectRefusal(feature: Feature, ctx: FeatureContext, field: string): Promise<void> {
    const fake = ctx.provider.fake(fakes);
    fake.script(feature.script);
    const error = await driver.call(connection(), feature.ask(ctx), ctx.provider.group, ctx.stream).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { status?: number } | undefined)?.status).toBe(400);
    expect(driver.isTypedError(error, 400)).toBe(true);
    expect((error as Error).message).toContain(field);
    expect(fake.requests).toHaveLength(0);
    expect(driver.specErrors(await tap.last(), ctx.stream)).toEqual([]);
  }

  async function expectUpstreamError(
    provider: MatrixProvider,
    status: number,
    expected: number,
    stream: boolean,
  ): Promise<void> {
    const fake = provider.fake(fakes);
    fake.script({ error: { status, ...(status === 429 && { retryAfter: 7 }) } });
    const error = await driver.call(connection(), HELLO, provider.group, stream).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { status?: number } | undefined)?.status).toBe(expected);
    expect(driver.isTypedError(error, expected)).toBe(true);
    // One deployment in the group: tried once, the failure returned as is.
    expect(fake.requests).toHaveLength(1);
    const exchange = await tap.last();
    expect(exchange.status).toBe(expected);
    expect(driver.specErrors(exchange, stream)).toEqual([]);
    if (status === 429) expect(exchange.headers['retry-after']).toBe('7');
    if (expected === 502) expect(exchange.body).toContain('refused the gateway credentials');
  }

  async function expectMidStreamError(provider: MatrixProvider): Promise<void> {
    const fake = provider.fake(fakes);
    // Pieces longer than the stream Shield's hold-back window, so that text reaches the client before the error.
    const chunks = ['one', ' two', ' three', ' four', ' five', ' six'].map(
      (word) => `${word}${' and on'.repeat(60)}`,
    );
    fake.script({
      text: chunks.join(''),
      chunks,
      fault: 'error-mid-stream',
      faultAfterChunks: 4,
      error: { status: 500, message: 'the model crashed' },
    });
    const error = await driver.call(connection(), HELLO, provider.group, true).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(driver.isApiError(error)).toBe(true);
    const exchange = await tap.last();
    expect(exchange.status).toBe(200);
    expect(exchange.body).toContain('one');
    expect(driver.endsWithErrorEvent(exchange)).toBe(true);
    expect(driver.specErrors(exchange, true)).toEqual([]);
  }

  async function expectBadKey(provider: MatrixProvider, stream: boolean): Promise<void> {
    const error = await driver.call(connection('vsk_nope_wrong'), HELLO, provider.group, stream).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { status?: number } | undefined)?.status).toBe(401);
    expect(driver.isTypedError(error, 401)).toBe(true);
    expect(provider.fake(fakes).requests).toHaveLength(0);
    expect(driver.specErrors(await tap.last(), stream)).toEqual([]);
  }
}

type CellKey = Omit<CellResult, 'outcome' | 'detail'>;

function featureCell(
  driver: SdkDriver,
  provider: MatrixProvider,
  feature: Feature,
  rank: number,
  mode: CellResult['mode'],
): CellKey {
  const row = { row: feature.id, rowTitle: feature.title, rank };
  return {
    section: 'features',
    sdk: driver.name,
    sdkLabel: driver.label,
    provider: provider.name,
    ...row,
    mode,
  };
}

function errorCell(
  driver: SdkDriver,
  provider: MatrixProvider,
  row: string,
  rowTitle: string,
  rank: number,
  mode: CellResult['mode'],
): CellKey {
  return {
    section: 'errors',
    sdk: driver.name,
    sdkLabel: driver.label,
    provider: provider.name,
    row,
    rowTitle,
    rank,
    mode,
  };
}
