import { evaluate, validateShieldPolicy } from '../src';

describe('prompts remembered as clean', () => {
  const system = 'You are a careful assistant for the finance team.';
  const email = 'jane.doe@example.com';

  it('give the same verdicts call after call, and a prompt with a finding is scanned every time', () => {
    const policy = validateShieldPolicy({ pre: { pii: 'redact', secrets: 'block' } });
    const withEmail = `Write to ${email} about it.`;
    for (let call = 0; call < 3; call++) {
      const result = evaluate([system, withEmail], policy, 'pre');
      expect(result.verdict).toBe('redact');
      expect(result.texts[0]).toBe(system);
      expect(result.texts[1]).not.toContain(email);
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({ count: 1, action: 'redact' });
    }
  });

  it('are clean for the policy that scanned them only', () => {
    const lenient = validateShieldPolicy({ pre: { pii: 'off', secrets: 'block' } });
    const strict = validateShieldPolicy({ pre: { pii: 'redact', secrets: 'block' } });
    const text = `Mail ${email} the summary.`;
    expect(evaluate([text], lenient, 'pre').verdict).toBe('allow');
    expect(evaluate([text], lenient, 'pre').verdict).toBe('allow');
    expect(evaluate([text], strict, 'pre').verdict).toBe('redact');
  });
});
