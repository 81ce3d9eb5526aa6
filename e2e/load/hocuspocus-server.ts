/**
 * The Hocuspocus 4 reference: its stock server, in memory, no extensions (as a project starts
 * with it). With `HOCUSPOCUS_LOAD_DIR`, a document is loaded from `<dir>/<name>.bin` when it
 * opens, as a storage extension would (the cold-load scenario). `PORT` (default 0); prints
 * `listening <port>` when ready.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';

const loadDir = process.env.HOCUSPOCUS_LOAD_DIR;
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  ...(loadDir
    ? {
        async onLoadDocument({ documentName, document }) {
          const stored = await readFile(join(loadDir, `${documentName}.bin`)).catch(() => null);
          if (stored) Y.applyUpdate(document, stored);
          return document;
        },
      }
    : {}),
});
await server.listen();
console.log(`listening ${server.address.port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void server.destroy().then(() => process.exit(0)));
