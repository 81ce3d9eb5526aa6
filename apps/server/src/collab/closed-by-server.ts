import type { WebSocket } from 'ws';

/**
 * Connections this server closed on its own account (over their rate, a broken protocol,
 * access revoked, a session ended, a document deleted, a client gone silent or not reading,
 * shutdown). What such a connection sent and is still queued is dropped: its client, if it is
 * still there, reconnects and syncs again under whatever rights it has then. A connection its
 * client closed is not here: what it sent before its closing frame is applied and stored, as
 * a page's last edit before its tab closed is still that person's edit.
 */
const closedByServer = new WeakSet<WebSocket>();

export function closeFromServer(ws: WebSocket, code: number, reason: string) {
  closedByServer.add(ws);
  ws.close(code, reason);
}

/** Without a closing handshake, for a client that cannot take part in one. */
export function cutFromServer(ws: WebSocket) {
  closedByServer.add(ws);
  ws.terminate();
}

export function wasClosedByServer(ws: WebSocket): boolean {
  return closedByServer.has(ws);
}
