import { mkdirSync, rmSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/**
 * Uploaded files, kept under the data folder. A file arrives in `incoming/` and is moved into
 * place only once it has been checked and recorded, so a failed or refused upload leaves
 * nothing half-written where files are served from.
 */
export interface FileStore {
  /** Where uploads are written while they arrive. */
  readonly incomingDir: string;
  /** Moves an arrived file into place under `key`. */
  commit(incomingPath: string, key: string): Promise<void>;
  /** The file's path on disk, for sending; throws when it is missing. */
  pathOf(key: string): Promise<string>;
  remove(key: string): Promise<void>;
  discard(incomingPath: string): Promise<void>;
}

export function createLocalFileStore(dataDir: string): FileStore {
  const root = resolve(dataDir, 'files');
  const incomingDir = join(root, 'incoming');
  // Whatever an earlier process was receiving when it stopped is of no use now.
  rmSync(incomingDir, { recursive: true, force: true });
  mkdirSync(incomingDir, { recursive: true });
  const inside = (key: string) => {
    const path = resolve(root, 'stored', key);
    if (!path.startsWith(resolve(root, 'stored') + sep)) throw new Error(`bad file key ${key}`);
    return path;
  };
  return {
    incomingDir,
    async commit(incomingPath, key) {
      const target = inside(key);
      mkdirSync(resolve(target, '..'), { recursive: true });
      await rename(incomingPath, target);
    },
    async pathOf(key) {
      const path = inside(key);
      await stat(path);
      return path;
    },
    async remove(key) {
      await rm(inside(key), { force: true });
    },
    async discard(incomingPath) {
      if (resolve(incomingPath).startsWith(incomingDir + sep))
        await rm(incomingPath, { force: true });
    },
  };
}
