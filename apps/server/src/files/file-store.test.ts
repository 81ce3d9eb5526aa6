import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../testing/s3-server.ts';
import { createLocalFileStore, type FileStore, StoredFileMissing } from './file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

type Made = { store: FileStore; dataDir: string; dispose: () => Promise<void> };

const stores: [string, () => Promise<Made>][] = [
  [
    'the data folder',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'colab-files-'));
      return {
        store: createLocalFileStore(dataDir),
        dataDir,
        dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'an S3-compatible bucket',
    async () => {
      const s3 = await startS3Server();
      const dataDir = mkdtempSync(join(tmpdir(), 'colab-files-'));
      const store = createS3FileStore(dataDir, {
        endpoint: s3.endpoint,
        bucket: s3.bucket,
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
        prefix: 'instance-a/',
      });
      await store.check();
      return {
        store,
        dataDir,
        dispose: async () => {
          store.close();
          await s3.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(stores)('files kept in %s', (_name, make) => {
  let made: Made;
  beforeAll(async () => {
    made = await make();
  });
  afterAll(async () => made?.dispose());

  const arrive = (name: string, body: string) => {
    const path = join(made.store.incomingDir, name);
    writeFileSync(path, body);
    return path;
  };

  it('keeps what is committed, reads it back whole, and removes it', async () => {
    const incoming = arrive('upload-1', 'Interview with a practice manager');
    await made.store.commit(incoming, 'group-1/file-1');
    expect(existsSync(incoming)).toBe(false);
    const read = await made.store.read('group-1/file-1');
    expect(read.size).toBe(33);
    expect(await text(read.stream)).toBe('Interview with a practice manager');

    await made.store.remove('group-1/file-1');
    await expect(made.store.read('group-1/file-1')).rejects.toBeInstanceOf(StoredFileMissing);
    // Removing what is gone is not an error: a retried delete must not fail.
    await made.store.remove('group-1/file-1');
  });

  it('a file replaced under the same key reads as the new one', async () => {
    await made.store.commit(arrive('a', 'first'), 'group-1/cover');
    await made.store.commit(arrive('b', 'second version'), 'group-1/cover');
    expect(await text((await made.store.read('group-1/cover')).stream)).toBe('second version');
  });

  it('refuses keys that would climb out of the store', async () => {
    const incoming = arrive('upload-2', 'x');
    for (const key of ['../escape', 'group/../../escape', '/abs', 'a//b', '']) {
      await expect(made.store.commit(incoming, key), key).rejects.toThrow(/bad file key/);
    }
    await made.store.discard(incoming);
    expect(existsSync(incoming)).toBe(false);
  });

  it('discards only files in its own incoming folder', async () => {
    const outside = join(made.dataDir, 'not-incoming.txt');
    writeFileSync(outside, 'keep me');
    await made.store.discard(outside);
    expect(existsSync(outside)).toBe(true);
  });
});

describe('an S3 store whose bucket is missing', () => {
  it('says which bucket and what to do', async () => {
    const s3 = await startS3Server();
    const dataDir = mkdtempSync(join(tmpdir(), 'colab-files-'));
    const store = createS3FileStore(dataDir, {
      endpoint: s3.endpoint,
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: '',
    });
    try {
      await expect(store.check()).rejects.toThrow(/"no-such-bucket".*create it/);
    } finally {
      store.close();
      await s3.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
