import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lockDataDir } from '@colab/db';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import * as tar from 'tar';

/**
 * One backup file (a .tar.gz) holds the database, the uploaded files of the local file store
 * and the generated session secret (so sessions survive a restore), plus a manifest saying
 * which database it came from. The embedded database is dumped with PGlite's own
 * `dumpDataDir()`; Postgres with `pg_dump --format=custom`.
 */
export interface BackupManifest {
  format: 1;
  database: 'pglite' | 'postgres';
  createdAt: string;
  files: boolean;
  sessionSecret: boolean;
}

export interface BackupTarget {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

const FILES = join('files', 'stored');

function requireTool(tool: string) {
  const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    throw new BackupError(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of your server's version (e.g. apt-get install postgresql-client) and try again.`,
    );
}

function run(tool: string, args: string[]) {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new BackupError(
      `${tool} failed: ${(result.stderr || result.error?.message || '').trim()}`,
    );
}

export async function createBackup(target: BackupTarget, outFile: string): Promise<BackupManifest> {
  const staging = mkdtempSync(join(tmpdir(), 'colab-backup-'));
  try {
    const manifest: BackupManifest = {
      format: 1,
      database: target.databaseUrl ? 'postgres' : 'pglite',
      createdAt: new Date().toISOString(),
      files: false,
      sessionSecret: false,
    };
    if (target.databaseUrl) {
      requireTool('pg_dump');
      run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--file=${join(staging, 'postgres.dump')}`,
        `--dbname=${target.databaseUrl}`,
      ]);
    } else {
      const dir = join(target.dataDir, 'pglite');
      if (!existsSync(dir)) throw new BackupError(`There is no embedded database in ${dir}.`);
      // The embedded database is one process's: a running server holds the lock.
      const unlock = lockDataDir(dir);
      try {
        const db = await PGlite.create(dir);
        const dump = await db.dumpDataDir('gzip');
        await db.close();
        writeFileSync(join(staging, 'pglite.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      } finally {
        unlock();
      }
    }
    const files = join(target.dataDir, FILES);
    if (existsSync(files)) {
      cpSync(files, join(staging, 'files'), { recursive: true });
      manifest.files = true;
    }
    const secret = join(target.dataDir, 'session-secret');
    if (existsSync(secret)) {
      writeFileSync(join(staging, 'session-secret'), readFileSync(secret), { mode: 0o600 });
      manifest.sessionSecret = true;
    }
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    await tar.c({ gzip: true, file: outFile, cwd: staging, portable: true }, readdirSync(staging));
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Restores into an empty data folder, and for a Postgres backup into an empty database: never
 * over something that exists, so a slip cannot overwrite a live instance.
 */
export async function restoreBackup(target: BackupTarget, file: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const staging = mkdtempSync(join(tmpdir(), 'colab-restore-'));
  try {
    await tar.x({ file, cwd: staging });
    const manifestFile = join(staging, 'manifest.json');
    if (!existsSync(manifestFile)) throw new BackupError(`${file} is not a Colab backup.`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.database === 'postgres' && !target.databaseUrl)
      throw new BackupError(
        'This backup is of a Postgres database: set DATABASE_URL to an empty database to restore it into.',
      );
    if (manifest.database === 'pglite' && target.databaseUrl)
      throw new BackupError(
        'This backup is of the embedded database: unset DATABASE_URL to restore it into an empty data folder.',
      );
    const leftovers = existsSync(target.dataDir)
      ? readdirSync(target.dataDir).filter((name) => name !== 'lost+found')
      : [];
    if (leftovers.length)
      throw new BackupError(
        `The data folder ${target.dataDir} is not empty (${leftovers.slice(0, 3).join(', ')}). Restore into an empty folder: set COLAB_DATA_DIR to a new one.`,
      );
    mkdirSync(target.dataDir, { recursive: true });

    if (manifest.database === 'postgres') {
      await requireEmptyDatabase(target.databaseUrl!);
      requireTool('pg_restore');
      run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        `--dbname=${target.databaseUrl}`,
        join(staging, 'postgres.dump'),
      ]);
    } else {
      const dump = readFileSync(join(staging, 'pglite.tar.gz'));
      const db = await PGlite.create(join(target.dataDir, 'pglite'), {
        loadDataDir: new Blob([dump]),
      });
      await db.close();
    }
    if (manifest.files)
      cpSync(join(staging, 'files'), join(target.dataDir, FILES), { recursive: true });
    if (manifest.sessionSecret)
      writeFileSync(
        join(target.dataDir, 'session-secret'),
        readFileSync(join(staging, 'session-secret')),
        { mode: 0o600 },
      );
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function requireEmptyDatabase(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    if ((row?.n ?? 0) > 0)
      throw new BackupError(
        'The database DATABASE_URL names is not empty. Restore into a new, empty database (createdb).',
      );
  } finally {
    await sql.end({ timeout: 1 });
  }
}
