import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { parseConfig } from '@verosek/config';

const ROOT = join(__dirname, '..');
const APPS = ['api-gateway', 'keys-service', 'shield-service', 'audit-service'];
/** Env the apps read (libs/config/src/env.ts and the Dockerfile's CMD). */
const KNOWN_ENV = [
  'APP',
  'PORT',
  'VEROSEK_CONFIG',
  'VEROSEK_MASTER_KEY',
  'REDIS_URL',
  'DATABASE_URL',
  'OPENAI_API_KEY',
];

interface K8sDoc {
  kind: string;
  metadata: { name: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form manifest YAML
  spec: Record<string, any>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function k8sDocs(): K8sDoc[] {
  return readdirSync(join(ROOT, 'k8s'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(ROOT, 'k8s', f), 'utf8')).map((d) => d.toJS() as K8sDoc),
    );
}

describe('k8s manifests', () => {
  const docs = k8sDocs();

  it.each(APPS)('%s has a Deployment and Service whose port, probes and env the app really uses', (app) => {
    expect(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
    const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === app)!;
    const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === app)!;
    expect(deployment).toBeDefined();
    expect(service).toBeDefined();
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('verosek/gateway:latest');
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(env.APP).toBe(app);
    expect(Number(env.PORT)).toBe(container.ports[0].containerPort);
    expect(Object.keys(env).every((name) => KNOWN_ENV.includes(name))).toBe(true);
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(service.spec.ports[0].targetPort).toBe(container.ports[0].name);
    expect(container.envFrom[0].secretRef.name).toBe('verosek-secrets');
  });

  it('ships a ConfigMap whose verosek.yaml passes the config validator', () => {
    const configMap = docs.find((d) => d.kind === 'ConfigMap')!;
    const config = parseConfig(configMap.data!['verosek.yaml'], 'k8s/configmap.yaml', {
      OPENAI_API_KEY: 'x',
    });
    expect(config.models.map((m) => m.name)).toEqual(['gpt-4o']);
  });

  it('references only secrets the example Secret defines', () => {
    const secret = docs.find((d) => d.kind === 'Secret')!;
    expect(Object.keys(secret.stringData!).every((name) => KNOWN_ENV.includes(name))).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

  it.each(APPS)('runs %s from the one image with APP set', (app) => {
    const service = compose.services[app];
    expect(service.image).toBe('verosek/gateway:latest');
    expect(service.environment.APP).toBe(app);
    expect(service.environment.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    expect(service.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
  });

  it('starts the Dockerfile CMD on the compiled main of each app', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('node dist/apps/${APP}/src/main.js');
    expect(readFileSync(join(ROOT, '.swcrc'), 'utf8')).toContain('"module"');
  });
});

it('the example config is valid', () => {
  const text = readFileSync(join(ROOT, 'verosek.example.yaml'), 'utf8');
  expect(parseConfig(text, 'verosek.example.yaml', {}).models.length).toBeGreaterThan(0);
});
