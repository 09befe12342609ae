import { scanForOperator, validateShieldPolicy } from '../src';
import { VALUES as V } from './fixtures';

describe('scanForOperator', () => {
  it('lists every finding with the action the policy would take, and the verdict', () => {
    const policy = validateShieldPolicy({ entities: { email: 'off' } });
    const text = `mail a@b.co key ${V.githubToken}`;
    expect(scanForOperator(text, policy)).toEqual({
      findings: [
        { type: 'EMAIL', start: 5, end: 11, score: expect.any(Number), action: 'off' },
        { type: 'GITHUB_TOKEN', start: 16, end: 16 + V.githubToken.length, score: 0.99, action: 'block' },
      ],
      verdict: 'block',
    });
  });

  it('uses the default policy and the pre direction by default, and the post direction on request', () => {
    expect(scanForOperator(`key ${V.githubToken}`).verdict).toBe('block');
    expect(scanForOperator(`key ${V.githubToken}`, undefined, 'post').verdict).toBe('redact');
    expect(scanForOperator('nothing here')).toEqual({ findings: [], verdict: 'allow' });
  });
});
