import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * An S3-compatible server on 127.0.0.1 (s3rver: the S3 REST API over HTTP, objects on disk),
 * so the S3 file store is tested over the real protocol with the real SDK.
 */
export async function startS3Server(bucket = 'colab-files') {
  const directory = mkdtempSync(join(tmpdir(), 'colab-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as unknown as { port: number };
  return {
    bucket,
    directory,
    endpoint: `http://127.0.0.1:${port}`,
    /** The environment that points Colab at this server. */
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
