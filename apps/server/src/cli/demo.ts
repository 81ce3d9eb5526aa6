import { loadConfigOrExit } from '../config.ts';
import { DemoRefused, refuseNonEmptyDataDir } from '../features/demo/refuse.ts';
import { type DemoResult, seedDemo } from '../features/demo/seed.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';

/**
 * `pnpm demo`: fills an empty instance with a realistic programme, prints an account for each
 * role and keeps serving it. It refuses a data folder or database that already holds anything,
 * so it can never mix invented people into a real programme.
 */
const config = loadConfigOrExit();
try {
  refuseNonEmptyDataDir(config);
} catch (refused) {
  console.error((refused as Error).message);
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

const started = performance.now();
let demo: DemoResult;
try {
  demo = await seedDemo({
    db: server.db.db,
    auth: server.auth,
    documents: server.collab,
    publicUrl: server.config.publicUrl,
  });
} catch (failed) {
  if (!(failed instanceof DemoRefused)) throw failed;
  console.error(failed.message);
  await server.close();
  process.exit(1);
}
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
