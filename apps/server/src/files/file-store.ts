import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { NotFound, StorageFailed } from '../errors.ts';

/**
 * Uploaded files: under the data folder by default, in an S3-compatible bucket when one is
 * configured (see s3-file-store.ts). Either way a file arrives in a local `incoming/` folder
 * first and is put in place only once it has been checked and recorded, so a failed or
 * refused upload leaves nothing half-written where files are served from.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Where uploads are written while they arrive (always local disk). */
  readonly incomingDir: string;
  /** Puts an arrived file in place under `key`; the incoming file is gone afterwards. */
  commit(incomingPath: string, key: string): Promise<void>;
  /** The stored file, for sending; throws StoredFileMissing when it is not there. */
  read(key: string): Promise<{ stream: Readable; size: number }>;
  remove(key: string): Promise<void>;
  discard(incomingPath: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  override name = 'StoredFileMissing';
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
// EEXIST and ENOTDIR: a file stands where a folder should be.
const CANNOT_WRITE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'ENOENT',
  'EIO',
  'EISDIR',
  'EEXIST',
]);

/** A disk error while writing a file as the API's own answer; anything else as it was. */
export function asStorageFailure(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (DISK_FULL.has(code)) return new StorageFailed(true);
  if (CANNOT_WRITE.has(code)) return new StorageFailed(false);
  return error;
}

/** The local incoming folder both stores receive uploads into, emptied at start. */
export function prepareIncoming(dataDir: string) {
  const incomingDir = resolve(dataDir, 'files', 'incoming');
  // Whatever an earlier process was receiving when it stopped is of no use now.
  rmSync(incomingDir, { recursive: true, force: true });
  mkdirSync(incomingDir, { recursive: true });
  return {
    incomingDir,
    async discard(incomingPath: string) {
      if (resolve(incomingPath).startsWith(incomingDir + sep))
        await rm(incomingPath, { force: true });
    },
  };
}

/** Keys are ours (`<group id>/<row id>`), but never let one climb out of its folder. */
export function checkKey(key: string) {
  if (!/^[A-Za-z0-9-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split('/').includes('..'))
    throw new Error(`bad file key ${key}`);
  return key;
}

export function createLocalFileStore(dataDir: string): FileStore {
  const root = resolve(dataDir, 'files', 'stored');
  const incoming = prepareIncoming(dataDir);
  const inside = (key: string) => {
    const path = resolve(root, checkKey(key));
    if (!path.startsWith(root + sep)) throw new Error(`bad file key ${key}`);
    return path;
  };
  return {
    kind: 'local',
    incomingDir: incoming.incomingDir,
    async commit(incomingPath, key) {
      const target = inside(key);
      try {
        mkdirSync(resolve(target, '..'), { recursive: true });
        await rename(incomingPath, target);
      } catch (error) {
        throw asStorageFailure(error);
      }
    },
    async read(key) {
      const path = inside(key);
      const info = await stat(path).catch(() => {
        throw new StoredFileMissing(`no stored file ${key}`);
      });
      return { stream: createReadStream(path), size: info.size };
    },
    async remove(key) {
      await rm(inside(key), { force: true });
    },
    discard: incoming.discard,
  };
}

/** A stored file as the API answers for it: one recorded but gone from the store is a 404. */
export async function readStored(files: FileStore, key: string) {
  try {
    return await files.read(key);
  } catch (error) {
    if (error instanceof StoredFileMissing)
      throw new NotFound('The file is missing from the store.');
    throw error;
  }
}
