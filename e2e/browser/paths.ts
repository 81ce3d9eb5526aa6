import { fileURLToPath } from 'node:url';

/** The repository root, two levels above this folder. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ENTRY = fileURLToPath(
  new URL('../../apps/server/dist/main.js', import.meta.url),
);
export const WEB_INDEX = fileURLToPath(new URL('../../apps/web/dist/index.html', import.meta.url));
/** Screenshots land in e2e/artifacts/ (git-ignored), for people to look at. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots the README shows, written by the accessibility spec (committed). */
export const README_SCREENSHOTS_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** The demo seeder, built with the server (`pnpm demo` runs it). */
export const DEMO_ENTRY = fileURLToPath(new URL('../../apps/server/dist/demo.js', import.meta.url));
