import { ConfigError, parseConfig } from '@verosek/config';
import { parseToolsConfig } from './tools-config';

function parse(yaml: string) {
  return parseToolsConfig(parseConfig(yaml, 'gw.yaml', {}));
}

const group = (tools: string) =>
  `models:\n  - name: m\n    tools: ${tools}\n    deployments:\n      - { provider: openai, model: x, api_key: k }\n`;

describe('parseToolsConfig', () => {
  it('reads a list of sources with defaults', () => {
    const config = parse(
      `${group('[db, t]')}tools:\n  - { name: db, type: postgres, dsn: "postgres://h/d" }\n  - { name: t, type: mcp, command: node, args: [s.js] }\n`,
    );
    expect(config).toEqual({
      maxDepth: 10,
      totalTimeoutMs: 120_000,
      sources: [
        {
          name: 'db',
          type: 'postgres',
          dsn: 'postgres://h/d',
          schemas: ['public'],
          rowLimit: 100,
          statementTimeoutMs: 5000,
          timeoutMs: 30_000,
        },
        {
          name: 't',
          type: 'mcp',
          url: undefined,
          command: 'node',
          args: ['s.js'],
          env: undefined,
          timeoutMs: 30_000,
        },
      ],
    });
  });

  it('reads the mapping form with loop limits', () => {
    const config = parse(
      `tools:\n  max_depth: 3\n  total_timeout_ms: 5000\n  sources:\n    - { name: t, type: mcp, url: "http://127.0.0.1:7001/mcp" }\n`,
    );
    expect(config).toMatchObject({
      maxDepth: 3,
      totalTimeoutMs: 5000,
      sources: [{ name: 't', url: 'http://127.0.0.1:7001/mcp' }],
    });
  });

  it.each([
    ['tools:\n  - { name: db, type: mysql }\n', 'tools[0].type'],
    ['tools:\n  - { name: db, type: postgres }\n', 'tools[0].dsn'],
    ['tools:\n  - { name: db, type: postgres, dsn: "postgres://h/d", schemas: [] }\n', 'tools[0].schemas'],
    ['tools:\n  - { name: t, type: mcp }\n', 'tools[0]'],
    ['tools:\n  - { name: t, type: mcp, url: "ftp://x" }\n', 'tools[0].url'],
    ['tools:\n  - { name: "1x", type: mcp, url: "http://x" }\n', 'tools[0].name'],
    ['tools:\n  - { name: t, type: mcp, url: "http://x", timeout_ms: -1 }\n', 'tools[0].timeout_ms'],
    ['tools:\n  - { name: t, type: mcp, url: "http://x", colour: red }\n', 'tools[0].colour'],
    [
      'tools:\n  - { name: t, type: mcp, url: "http://x" }\n  - { name: t, type: mcp, url: "http://y" }\n',
      'tools[1].name',
    ],
    ['tools:\n  max_depth: 0\n', 'tools.max_depth'],
    [`${group('[nope]')}`, 'models[0].tools[0]'],
  ])('refuses %j naming %s and the file', (yaml, field) => {
    let error: unknown;
    try {
      parse(yaml);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).message.startsWith(`gw.yaml: ${field} `)).toBe(true);
  });
});
