import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, REPO_ROOT, SERVER_ENTRY } from './paths.ts';
import { assertPreflight } from './preflight.ts';

// Playwright starts the web server before globalSetup runs, so check here too: a missing
// build or browser then fails with a plain message instead of a server that never answers.
assertPreflight();

const port = Number(process.env.COLAB_E2E_PORT ?? 3199);
const baseURL = `http://localhost:${port}`;
// A fresh, empty instance for every run. Worker processes load this file again and inherit
// the folder made by the first load; only that first process removes it, once all is done.
if (!process.env.COLAB_E2E_DATA_DIR) {
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-e2e-'));
  process.env.COLAB_E2E_DATA_DIR = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
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
  use: {
    baseURL,
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
  webServer: {
    command: `node ${JSON.stringify(SERVER_ENTRY)}`,
    cwd: REPO_ROOT,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      COLAB_DATA_DIR: process.env.COLAB_E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
    },
  },
});
