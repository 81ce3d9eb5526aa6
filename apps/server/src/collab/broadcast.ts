import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

/**
 * A WebSocket frame header for one unmasked, final binary message (RFC 6455 §5.2): what `ws`
 * would build again for every socket, built once here for the whole room.
 */
function frameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65_536) {
    const header = Buffer.allocUnsafe(4);
    header[0] = 0x82;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = 0x82;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** The socket under a `ws` connection, when frames may be written to it directly. */
function rawSocket(ws: WebSocket): Duplex | undefined {
  // With no extension negotiated (no permessage-deflate), `ws` writes each message straight
  // to this socket, in order, so a frame written here is exactly what `ws.send` would write.
  if (ws.extensions !== '') return undefined;
  return (ws as unknown as { _socket?: Duplex })._socket;
}

/**
 * Sends one message to many connections: framed once, one write per socket, instead of a
 * header allocated, a frame assembled and a write queued per socket per message.
 */
export function broadcast(sockets: Iterable<WebSocket>, message: Uint8Array, except?: unknown) {
  let framed: Buffer | undefined;
  for (const ws of sockets) {
    if (ws === except || ws.readyState !== WebSocket.OPEN) continue;
    const socket = rawSocket(ws);
    if (!socket || socket.destroyed) {
      ws.send(message);
      continue;
    }
    framed ??= Buffer.concat([frameHeader(message.byteLength), message]);
    socket.write(framed);
  }
}
