import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, DEMO_ENTRY, REPO_ROOT, SERVER_ENTRY } from './paths.ts';
import { assertPreflight } from './preflight.ts';

// Playwright starts the web server before globalSetup runs, so check here too: a missing
// build or browser then fails with a plain message instead of a server that never answers.
assertPreflight();

const port = Number(process.env.COLAB_E2E_PORT ?? 3199);
// Specs that need an instance nobody has signed up to yet (the first account becomes the
// instance admin, who alone can create the first cohort) get a server of their own.
const FRESH_INSTANCE_SPECS = /cohorts\.spec\.ts$/;
// The board spec sets up its own cohort through the API, as that instance's first account.
const BOARD_SPECS = /boards\.spec\.ts$/;
// The set spec, likewise, on an instance of its own.
const SET_SPECS = /sets\.spec\.ts$/;
const GROUP_SPECS = /groups\.spec\.ts$/;
// The security spec sets up one of everything as the first account of its own instance.
const SECURITY_SPECS = /security\.spec\.ts$/;
// Accessibility, screenshots and the keyboard journey run on the demo programme (`pnpm demo`),
// so every page is checked and pictured with realistic content in it.
const DEMO_SPECS = /(a11y|keyboard)\.spec\.ts$/;
const instances = {
  shared: { port, dataDir: 'shared' },
  cohorts: { port: port + 1, dataDir: 'cohorts' },
  boards: { port: port + 2, dataDir: 'boards' },
  sets: { port: port + 3, dataDir: 'sets' },
  groups: { port: port + 4, dataDir: 'groups' },
  security: { port: port + 5, dataDir: 'security' },
  demo: { port: port + 6, dataDir: 'demo' },
};
const urlOf = (instance: { port: number }) => `http://localhost:${instance.port}`;

// Fresh, empty instances for every run. Worker processes load this file again and inherit
// the folder made by the first load; only that first process removes it, once all is done.
if (!process.env.COLAB_E2E_DATA_ROOT) {
  const dataRoot = mkdtempSync(join(tmpdir(), 'colab-e2e-'));
  process.env.COLAB_E2E_DATA_ROOT = dataRoot;
  process.on('exit', () => rmSync(dataRoot, { recursive: true, force: true }));
}
const dataRoot = process.env.COLAB_E2E_DATA_ROOT as string;

function server(instance: { port: number; dataDir: string }, entry = SERVER_ENTRY) {
  return {
    command: `node ${JSON.stringify(entry)}`,
    cwd: REPO_ROOT,
    url: `${urlOf(instance)}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      PORT: String(instance.port),
      COLAB_DATA_DIR: join(dataRoot, instance.dataDir),
      LOG_LEVEL: 'warn',
      // Boards rest (drop their decoded document) after 2 s unchanged instead of a minute, so
      // the tests also run against boards that have rested while people were on them.
      COLLAB_REST_AFTER_MS: '2000',
    },
  };
}

export default defineConfig({
  testDir: './tests',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  globalSetup: './global-setup.ts',
  projects: [
    {
      name: 'shared instance',
      testIgnore: [
        FRESH_INSTANCE_SPECS,
        BOARD_SPECS,
        SET_SPECS,
        GROUP_SPECS,
        SECURITY_SPECS,
        DEMO_SPECS,
      ],
      use: { baseURL: urlOf(instances.shared) },
    },
    {
      name: 'fresh instance',
      testMatch: FRESH_INSTANCE_SPECS,
      use: { baseURL: urlOf(instances.cohorts) },
    },
    {
      name: 'board instance',
      testMatch: BOARD_SPECS,
      use: { baseURL: urlOf(instances.boards) },
    },
    {
      name: 'set instance',
      testMatch: SET_SPECS,
      use: { baseURL: urlOf(instances.sets) },
    },
    {
      name: 'group instance',
      testMatch: GROUP_SPECS,
      use: { baseURL: urlOf(instances.groups) },
    },
    {
      name: 'security instance',
      testMatch: SECURITY_SPECS,
      use: { baseURL: urlOf(instances.security) },
    },
    {
      name: 'demo instance',
      testMatch: DEMO_SPECS,
      use: { baseURL: urlOf(instances.demo) },
    },
  ],
  use: {
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: [
    server(instances.shared),
    server(instances.cohorts),
    server(instances.boards),
    server(instances.sets),
    server(instances.groups),
    server(instances.security),
    // Ready once the demo is seeded, not merely listening (Playwright takes whichever of a url
    // and a wait comes first, so this one has no url).
    { ...server(instances.demo, DEMO_ENTRY), url: undefined, wait: { stdout: /Colab demo ready/ } },
  ],
});
