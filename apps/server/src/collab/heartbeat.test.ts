import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { Heartbeat } from './heartbeat.ts';
import { KEEP_ALIVE } from './messages.ts';

/** What the heartbeat uses of a connection, recording what it was sent. */
function fakeSocket(open = true) {
  const sent: string[] = [];
  const ws = {
    OPEN: 1,
    readyState: open ? 1 : 3,
    ping: () => sent.push('ping'),
    send: (data: Uint8Array) => sent.push(Buffer.from(data).equals(KEEP_ALIVE) ? 'no-op' : 'other'),
  };
  return { ws: ws as unknown as WebSocket, sent };
}

describe('Heartbeat', () => {
  afterEach(() => vi.useRealTimers());

  it('pings and sends a no-op to each open connection, a slice at a time', () => {
    vi.useFakeTimers();
    const sockets = Array.from({ length: 250 }, () => fakeSocket());
    const closed = fakeSocket(false);
    const heartbeat = new Heartbeat(
      () => [...sockets, closed].map((s) => s.ws),
      1000,
      () => {},
    );
    vi.advanceTimersByTime(1000);
    const beaten = () => sockets.filter((s) => s.sent.length > 0).length;
    expect(beaten()).toBe(100);
    vi.advanceTimersToNextTimer();
    expect(beaten()).toBe(200);
    vi.advanceTimersToNextTimer();
    expect(beaten()).toBe(250);
    expect(sockets.every((s) => s.sent.join() === 'ping,no-op')).toBe(true);
    expect(closed.sent).toEqual([]);
    heartbeat.stop();
  });

  it('reports a connection that has not answered by the next beat, and only that one', () => {
    vi.useFakeTimers();
    const answering = fakeSocket();
    const silent = fakeSocket();
    const dead: WebSocket[] = [];
    const heartbeat = new Heartbeat(
      () => [answering.ws, silent.ws],
      1000,
      (ws) => dead.push(ws),
    );
    vi.advanceTimersByTime(1000);
    heartbeat.answered(answering.ws);
    vi.advanceTimersByTime(1000);
    expect(dead).toEqual([silent.ws]);
    expect(answering.sent).toEqual(['ping', 'no-op', 'ping', 'no-op']);
    heartbeat.stop();
    vi.advanceTimersByTime(5000);
    expect(answering.sent).toHaveLength(4);
  });
});
