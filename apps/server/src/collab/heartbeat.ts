import type { WebSocket } from 'ws';
import { withWritesCorked } from './broadcast.ts';
import { KEEP_ALIVE } from './messages.ts';

/** Sockets beaten between turns of the event loop (two frames, one write each). */
const PER_SLICE = 100;

/**
 * Every `intervalMs` each connection is pinged and sent a no-op message. One that has not
 * answered the previous ping is reported dead: a vanished client (a laptop shut, a network
 * gone) would otherwise keep its place in the room and its memory for good. The no-op keeps
 * someone alone on a document hearing from the server, since the stock provider reconnects
 * after 30 s without a message. A node's sockets are beaten a slice at a time, so thousands
 * of them do not stall the event loop at once.
 */
export class Heartbeat {
  private readonly unanswered = new WeakSet<WebSocket>();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly sockets: () => Iterable<WebSocket>,
    intervalMs: number,
    private readonly onDead: (ws: WebSocket) => void,
  ) {
    this.timer = setInterval(() => this.beat([...this.sockets()], 0), intervalMs);
    this.timer.unref();
  }

  /** The connection answered the last ping. */
  answered(ws: WebSocket) {
    this.unanswered.delete(ws);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private beat(sockets: WebSocket[], from: number) {
    if (this.stopped) return;
    const to = Math.min(sockets.length, from + PER_SLICE);
    for (let i = from; i < to; i++) {
      const ws = sockets[i]!;
      if (this.unanswered.has(ws)) {
        this.onDead(ws);
        continue;
      }
      if (ws.readyState !== ws.OPEN) continue;
      this.unanswered.add(ws);
      withWritesCorked(ws, () => {
        ws.ping();
        ws.send(KEEP_ALIVE);
      });
    }
    if (to < sockets.length) setImmediate(() => this.beat(sockets, to));
  }
}
