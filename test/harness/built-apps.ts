import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppName, AppProcess } from './app-processes';
import { buildApps, removeBuild, spawnApp, stopApp } from './app-processes';
import type { Fakes } from './gateway-harness';
import { startFakes, threeProviderYaml } from './gateway-harness';

/** What the tests of one file of built processes share; set in its beforeAll. */
export interface BuiltApps {
  /** The apps' build, in a folder of this file's own. */
  buildDir: string;
  /** A scratch folder, removed after the file's tests. */
  workDir: string;
  /** A verosek.yaml routing to the fakes. */
  configFile: string;
  fakes: Fakes;
  /** Starts one app of the build; every app started here is stopped after the file's tests. */
  spawn(name: AppName, env: Record<string, string>): Promise<AppProcess>;
}

/**
 * Registers a test file's beforeAll and afterAll: builds the apps, starts the fake providers and writes
 * a config for them; afterwards stops every app started through it and removes what it made.
 */
export function useBuiltApps(scratchName: string): BuiltApps {
  const running: AppProcess[] = [];
  const apps = {
    async spawn(name: AppName, env: Record<string, string>) {
      const app = await spawnApp(apps.buildDir, name, env);
      running.push(app);
      return app;
    },
  } as BuiltApps;

  beforeAll(async () => {
    apps.buildDir = buildApps();
    apps.workDir = mkdtempSync(join(tmpdir(), `verosek-${scratchName}-`));
    apps.fakes = await startFakes();
    apps.configFile = join(apps.workDir, 'verosek.yaml');
    writeFileSync(apps.configFile, threeProviderYaml(apps.fakes));
  });
  afterAll(async () => {
    await Promise.all(running.map((app) => stopApp(app)));
    await apps.fakes?.close();
    if (apps.buildDir) removeBuild(apps.buildDir);
    if (apps.workDir) rmSync(apps.workDir, { recursive: true, force: true });
  });
  return apps;
}
