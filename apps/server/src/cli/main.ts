import { DataDirInUse } from '@colab/db';
import { ConfigError, loadConfig } from '../config.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';

/**
 * `pnpm backup [file]` and `pnpm restore <file>`: the same configuration as the server
 * (COLAB_DATA_DIR, DATABASE_URL), so they act on the instance `pnpm start` would serve.
 */
const USAGE = 'usage: cli.js backup [file.tar.gz] | cli.js restore <file.tar.gz>';

async function main(argv: string[]) {
  const [command, file] = argv;
  const config = loadConfig();
  const target = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  if (command === 'backup') {
    const out = file ?? `colab-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
    const manifest = await createBackup(target, out);
    if (config.s3)
      console.log(
        'Uploaded files are in the S3 bucket, not in this backup: back the bucket up too.',
      );
    console.log(
      `Backed up the ${manifest.database} database${manifest.files ? ', files' : ''} and session secret to ${out}`,
    );
  } else if (command === 'restore' && file) {
    const manifest = await restoreBackup(target, file);
    console.log(
      `Restored the ${manifest.database} backup of ${manifest.createdAt} into ${config.dataDir}${config.databaseUrl ? ' and DATABASE_URL' : ''}. Start Colab as usual.`,
    );
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof BackupError ||
    error instanceof ConfigError ||
    error instanceof DataDirInUse
  ) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
