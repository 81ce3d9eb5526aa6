import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { checkKey, type FileStore, prepareIncoming, StoredFileMissing } from './file-store.ts';

export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can serve several instances. */
  prefix: string;
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph, …), so several nodes share
 * them without a shared disk. Uploads still arrive on local disk first, are checked there,
 * and are sent to the bucket only once they are recorded.
 */
export function createS3FileStore(
  dataDir: string,
  settings: S3Settings,
): FileStore & {
  /** Fails, saying why, when the bucket cannot be reached. */
  check(): Promise<void>;
  close(): void;
} {
  const incoming = prepareIncoming(dataDir);
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // Checksums only where S3 requires them: many S3-compatible stores reject the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const objectKey = (key: string) => `${settings.prefix}${checkKey(key)}`;
  return {
    kind: 's3',
    incomingDir: incoming.incomingDir,
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        throw new Error(
          `The file bucket "${Bucket}" at ${settings.endpoint ?? 'AWS S3'} cannot be reached (${(error as Error).name}): create it, or check S3_* settings.`,
        );
      }
    },
    async commit(incomingPath, key) {
      const { size } = await stat(incomingPath);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: createReadStream(incomingPath),
          ContentLength: size,
        }),
      );
      await incoming.discard(incomingPath);
    },
    async read(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return { stream: object.Body as Readable, size: object.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey) throw new StoredFileMissing(`no stored file ${key}`);
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
    discard: incoming.discard,
    close() {
      client.destroy();
    },
  };
}
