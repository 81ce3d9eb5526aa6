import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const REMOTE = Symbol('remote');

export interface RawCollabClient {
  ws: WebSocket;
  doc: Y.Doc;
  /** Resolves once the server's copy of the document has been applied (sync step 2). */
  synced: Promise<void>;
  /** Update frames received after the sync: each is one update the server has stored. */
  updatesReceived(): number;
  /** Bytes of the updates this client has sent. */
  bytesSent(): number;
  close(): Promise<void>;
}

/**
 * A y-websocket client with no provider: it syncs once, then sends each local change as an
 * update frame and only counts what arrives afterwards (unless `keepApplying`), so a load
 * generator with a few of them stays far lighter than the server it measures.
 */
export function connectRawClient(
  wsUrl: string,
  headers: Record<string, string>,
  {
    keepApplying = false,
    onUpdate,
  }: { keepApplying?: boolean; onUpdate?: (update?: Uint8Array) => void } = {},
): RawCollabClient {
  const ws = new WebSocket(wsUrl, { headers });
  const doc = new Y.Doc();
  let isSynced = false;
  let received = 0;
  let sent = 0;
  const send = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    write(e);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(e));
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    sent += update.byteLength;
    send((e) => syncProtocol.writeUpdate(e, update));
  });
  const synced = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`collab upgrade refused: ${res.statusCode}`)),
    );
    ws.once('open', () => send((e) => syncProtocol.writeSyncStep1(e, doc)));
    ws.on('message', (data: Buffer) => {
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      if (isSynced && !keepApplying) {
        if (decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) {
          received += 1;
          onUpdate?.(decoding.readVarUint8Array(decoder));
        }
        return;
      }
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const type = syncProtocol.readSyncMessage(decoder, reply, doc, REMOTE);
      if (encoding.length(reply) > 1 && ws.readyState === WebSocket.OPEN)
        ws.send(encoding.toUint8Array(reply));
      if (type === syncProtocol.messageYjsSyncStep2 && !isSynced) {
        isSynced = true;
        resolve();
      } else if (type === syncProtocol.messageYjsUpdate && isSynced) {
        received += 1;
        onUpdate?.();
      }
    });
  });
  return {
    ws,
    doc,
    synced,
    updatesReceived: () => received,
    bytesSent: () => sent,
    close: async () => {
      if (ws.readyState !== WebSocket.CLOSED) {
        const closed = new Promise((r) => ws.once('close', r));
        ws.close();
        await closed;
      }
      doc.destroy();
    },
  };
}
