import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file starts real servers and databases; two cores run two at a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
