import WebSocket from 'ws';

/** A bare y-websocket connection (no provider), signed in with `cookie`, for hostile frames. */
export function openRaw(url: string, cookie: string, docName: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie, origin: url },
    });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

/** Resolves with the close code, or undefined if the socket stays open `ms` longer. */
export function closeCode(ws: WebSocket, ms: number): Promise<number | undefined> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve((ws as any)._closeCode as number);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
