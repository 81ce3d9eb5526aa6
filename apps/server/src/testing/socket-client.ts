import { io as connect, type Socket } from 'socket.io-client';
import type { TestClient } from './test-server.ts';

/** A signed-in socket to `url` (any node), resolved once the server has joined its rooms. */
export async function openReadySocket(
  url: string,
  client: TestClient,
  options: { reconnection?: boolean } = {},
): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: client.cookieHeader, origin: url },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
