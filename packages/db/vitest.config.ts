import { defineConfig } from 'vitest/config';

// Opening PGlite and applying every migration takes seconds alone and many times that while
// the other packages' suites load both cores: these are budgets, not speed checks.
export default defineConfig({
  test: { testTimeout: 120_000, hookTimeout: 120_000, env: { TZ: 'UTC' } },
});
