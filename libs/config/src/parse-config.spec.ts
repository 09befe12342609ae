import { ConfigError } from './config-error';
import { parseConfig } from './parse-config';

const FILE = '/etc/verosek.yaml';

const VALID = `
models:
  - name: gpt-4o
    deployments:
      - provider: openai
        model: gpt-4o-2024-08-06
        api_base: http://127.0.0.1:9001/v1/
        api_key: \${OPENAI_API_KEY}
        weight: 2
      - provider: anthropic
        model: claude-sonnet-4-5
        priority: 1
routing:
  allowed_fails: 5
  cooldown_seconds: 10
  timeout_ms: 1000
  retries: 1
`;

describe('parseConfig', () => {
  it('reads the documented shape with defaults and env interpolation', () => {
    const config = parseConfig(VALID, FILE, { OPENAI_API_KEY: 'sk-test' });
    const [openai, anthropic] = config.models[0].deployments;
    expect(openai).toEqual({
      id: 'gpt-4o#0',
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      apiBase: 'http://127.0.0.1:9001/v1',
      apiKey: 'sk-test',
      weight: 2,
      priority: 0,
      inputCostPerMtok: undefined,
      outputCostPerMtok: undefined,
      headers: {},
    });
    expect(anthropic.apiBase).toBe('https://api.anthropic.com');
    expect(anthropic.priority).toBe(1);
    expect(anthropic.weight).toBe(1);
    expect(config.routing).toEqual({ allowedFails: 5, cooldownSeconds: 10, timeoutMs: 1000, retries: 1 });
    expect(config.models[0].strategy).toBe('weighted');
  });

  it('names the file and the field of a bad value', () => {
    const bad = VALID.replace('provider: anthropic', 'provider: antropic');
    expect(() => parseConfig(bad, FILE, {})).toThrow(
      new ConfigError(
        FILE,
        'models[0].deployments[1].provider',
        'must be one of openai | anthropic | gemini | openai-compatible (got "antropic")',
      ),
    );
  });

  it.each([
    [
      'a missing model',
      VALID.replace('model: claude-sonnet-4-5', ''),
      'models[0].deployments[1].model is required',
    ],
    [
      'a negative weight',
      VALID.replace('weight: 2', 'weight: -1'),
      'models[0].deployments[0].weight must be >= 0',
    ],
    ['an unknown routing key', VALID.replace('retries: 1', 'retry: 1'), 'routing.retry is not a known field'],
    [
      'a non-numeric timeout',
      VALID.replace('timeout_ms: 1000', 'timeout_ms: soon'),
      'routing.timeout_ms must be a number',
    ],
    [
      'openai-compatible without api_base',
      'models:\n  - name: m\n    deployments:\n      - {provider: openai-compatible, model: x}\n',
      'models[0].deployments[0].api_base is required',
    ],
    [
      'an unknown fallback',
      'models:\n  - name: m\n    fallbacks: [nope]\n    deployments:\n      - {provider: openai, model: x}\n',
      'models[0].fallbacks[0] names no model group',
    ],
    ['broken YAML', 'models: [', '(yaml) is not valid YAML'],
  ])('rejects %s', (_label, text, message) => {
    expect(() => parseConfig(text, FILE, {})).toThrow(`${FILE}: ${message}`);
  });

  it('uses ${VAR:-default} when the variable is unset', () => {
    const config = parseConfig(VALID.replace('${OPENAI_API_KEY}', '${OPENAI_API_KEY:-fallback}'), FILE, {});
    expect(config.models[0].deployments[0].apiKey).toBe('fallback');
  });

  it('gives an empty, valid config for an empty file', () => {
    const config = parseConfig('', FILE, {});
    expect(config.models).toEqual([]);
    expect(config.routing.retries).toBe(2);
  });
});
