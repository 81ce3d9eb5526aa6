import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every run spawns built servers and drives them hard; one file at a time keeps the
    // liveness figures (healthz p99) about the server, not about its neighbours.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
