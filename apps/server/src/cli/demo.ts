import { existsSync, readdirSync } from 'node:fs';
import { schema } from '@colab/db';
import { count } from 'drizzle-orm';
import { loadConfigOrExit } from '../config.ts';
import { seedDemo } from '../features/demo/seed.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';

/**
 * `pnpm demo`: fills an empty instance with a realistic programme, prints an account for each
 * role and keeps serving it. It refuses a data folder or database that already holds anything,
 * so it can never mix invented people into a real programme.
 */
const config = loadConfigOrExit();
if (!config.databaseUrl && existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
  console.error(
    `The demo needs an empty data folder, and ${config.dataDir} is not empty.\n` +
      'Point COLAB_DATA_DIR at a new folder, e.g. COLAB_DATA_DIR=./demo-data pnpm demo',
  );
  process.exit(1);
}
const logger = createLogger(config);
const server = await startServer(config, { logger });
const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const [users] = await server.db.db.select({ n: count() }).from(schema.users);
if ((users?.n ?? 0) > 0) {
  console.error('The demo needs an empty database, and this one already has accounts.');
  await server.close();
  process.exit(1);
}
const started = performance.now();
const demo = await seedDemo({
  db: server.db.db,
  auth: server.auth,
  documents: server.collab,
  publicUrl: server.config.publicUrl,
});
const width = Math.max(...demo.accounts.map((a) => a.role.length));
const emailWidth = Math.max(...demo.accounts.map((a) => a.email.length));
console.log(
  [
    '',
    `Colab demo ready in ${Math.round(performance.now() - started)} ms: ${server.url}`,
    `Data: ${config.databaseUrl ? 'the database at DATABASE_URL' : config.dataDir}`,
    '',
    'Sign in as any of these (every demo account has the same password):',
    ...demo.accounts.map(
      (a) => `  ${a.role.padEnd(width)}  ${a.email.padEnd(emailWidth)}  ${a.password}`,
    ),
    '',
    'Ctrl-C stops it; `pnpm start` with the same COLAB_DATA_DIR serves it again.',
    '',
  ].join('\n'),
);
