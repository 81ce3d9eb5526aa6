import { defineConfig } from 'tsup';

// Workspace packages ship TypeScript source, so they are bundled in; npm dependencies stay
// external and load from node_modules.
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    cli: 'src/cli/main.ts',
    demo: 'src/cli/demo.ts',
    // Loaded by path on its own thread (collab/fold.ts).
    'fold-worker': 'src/collab/fold-worker.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  noExternal: [/^@colab\//],
});
