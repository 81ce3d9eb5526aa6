import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// In development the API runs on :3000 (`pnpm --filter @colab/server dev`); Vite proxies to it
// so the app and its API share one origin, as they do in production. The server refuses
// cookie-carrying changes from unknown origins, so start it with
// ALLOWED_ORIGINS=http://localhost:5173.
const api = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api },
      '/socket.io': { target: api, ws: true },
      '/collab': { target: api, ws: true },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/testing/setup.ts'],
    unstubGlobals: true,
    restoreMocks: true,
    // Typing through user-event is slow when the server suites load both cores: a budget,
    // not a speed check.
    testTimeout: 30_000,
  },
});
