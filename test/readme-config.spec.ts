import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@verosek/config';
import { validateShieldPolicy } from '@verosek/shield';

/** The config reference in the README is a real config: it must pass the same validation as a file. */
it('the README config reference parses and validates', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration reference'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  expect(yaml).toBeDefined();
  const config = parseConfig(yaml!, 'README.md', { OPENAI_API_KEY: 'sk-x' });
  expect(config.models[0].deployments[0]).toMatchObject({ id: 'openai-east', inputCostPerMtok: 2.5 });
  expect(config.limits.allowPrivateImageUrls).toBe(false);
  expect(validateShieldPolicy(config.shield).pre).toEqual({ pii: 'redact', secrets: 'block' });
});
