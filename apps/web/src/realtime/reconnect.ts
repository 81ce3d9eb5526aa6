/** The part of a Socket.IO client socket that reconnecting needs. */
export interface Reconnectable {
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'session:ready', listener: () => void): unknown;
  connect(): unknown;
}

export interface ReconnectOptions {
  /** Whether this socket is still the tab's (false once signed out here). */
  wanted: () => boolean;
  firstDelayMs?: number;
  maxDelayMs?: number;
  schedule?: (run: () => void, ms: number) => void;
  random?: () => number;
}

/**
 * Socket.IO reconnects by itself after a dropped connection, but not after the server closed
 * it ('io server disconnect'), which the server does when the person is removed from a cohort
 * (so their other cohorts would go quiet) and when their session ends elsewhere. While the
 * socket is still wanted, connect again after a short, jittered pause (a cohort deleted by
 * retention closes many people's sockets at once), backing off while the server keeps closing
 * it before the connection is ready. The server joins only the rooms they may still be in, and
 * pages join their own rooms again on 'connect'. An ended session is refused at the handshake
 * ('connect_error'), which Socket.IO does not retry, so that ends it.
 */
export function reconnectAfterServerDisconnect(
  socket: Reconnectable,
  options: ReconnectOptions,
): void {
  const first = options.firstDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms));
  const random = options.random ?? Math.random;
  let delay = first;
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    const wait = Math.round(delay * (0.5 + random() / 2));
    delay = Math.min(delay * 2, max);
    schedule(() => {
      if (options.wanted()) socket.connect();
    }, wait);
  });
  socket.on('session:ready', () => {
    delay = first;
  });
}
