import { existsSync, readdirSync } from 'node:fs';

/** Why the demo will not seed here; said to the person who ran `pnpm demo`. */
export class DemoRefused extends Error {}

export const NOT_EMPTY_DATABASE =
  'The demo needs an empty database, and this one already has accounts.';

/**
 * The demo only fills an empty data folder (unless a database URL says where the data goes),
 * so it never mixes invented people into a real programme's files.
 */
export function refuseNonEmptyDataDir(config: { dataDir: string; databaseUrl?: string | null }) {
  if (config.databaseUrl) return;
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
    throw new DemoRefused(
      `The demo needs an empty data folder, and ${config.dataDir} is not empty.\n` +
        'Point COLAB_DATA_DIR at a new folder, e.g. COLAB_DATA_DIR=./demo-data pnpm demo',
    );
  }
}
