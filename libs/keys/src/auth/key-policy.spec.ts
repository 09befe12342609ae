import { GatewayError } from '@verosek/protocol';
import { FakeKeysClient } from '../testing/fake-keys-client';
import { KeyPolicy } from './key-policy';

describe('KeyPolicy', () => {
  const policy = new KeyPolicy();
  const keys = new FakeKeysClient();

  it('lets a key without an allow-list, and the master key, use any model', () => {
    const { record } = keys.addKey();
    expect(() => policy.checkModel({ keyId: record.id, isMaster: false, record }, 'gpt-4o')).not.toThrow();
    expect(() => policy.checkModel({ keyId: 'master', isMaster: true }, 'gpt-4o')).not.toThrow();
  });

  it('refuses a model outside the allow-list with 403 model_not_allowed naming the model', () => {
    const { record } = keys.addKey({ models: ['gpt-4o-mini'] });
    const identity = { keyId: record.id, isMaster: false, record };
    expect(() => policy.checkModel(identity, 'gpt-4o-mini')).not.toThrow();
    let error: GatewayError | undefined;
    try {
      policy.checkModel(identity, 'claude-opus');
    } catch (err) {
      error = err as GatewayError;
    }
    expect(error?.info).toMatchObject({
      kind: 'permission',
      status: 403,
      code: 'model_not_allowed',
      param: 'model',
    });
    expect(error?.message).toContain("'claude-opus'");
  });

  it('answers tool allow-list questions', () => {
    const { record } = keys.addKey({ tools: ['web_search'] });
    const identity = { keyId: record.id, isMaster: false, record };
    expect(policy.allowsTool(identity, 'web_search')).toBe(true);
    expect(policy.allowsTool(identity, 'code_exec')).toBe(false);
  });
});
