import { describe, expect, it } from 'vitest';
import { type Reconnectable, reconnectAfterServerDisconnect } from './reconnect.ts';

/** A stand-in for the client socket: events are fired by hand, connects are counted. */
function fakeSocket() {
  const listeners = new Map<string, ((arg?: string) => void)[]>();
  const socket = {
    connects: 0,
    on(event: string, listener: (arg?: string) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return socket;
    },
    connect() {
      socket.connects += 1;
      return socket;
    },
    fire(event: string, arg?: string) {
      for (const listener of listeners.get(event) ?? []) listener(arg);
    },
  };
  return socket;
}

/** Runs scheduled work when told to, and remembers each pause asked for. */
function manualClock() {
  const pending: (() => void)[] = [];
  const delays: number[] = [];
  return {
    delays,
    schedule: (run: () => void, ms: number) => {
      pending.push(run);
      delays.push(ms);
    },
    runAll: () => {
      for (const run of pending.splice(0)) run();
    },
  };
}

describe('reconnecting after the server closed the socket', () => {
  it('connects again after a server disconnect while the socket is still wanted', () => {
    const socket = fakeSocket();
    const clock = manualClock();
    reconnectAfterServerDisconnect(socket as Reconnectable, {
      wanted: () => true,
      schedule: clock.schedule,
      random: () => 1,
    });
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connects).toBe(0);
    clock.runAll();
    expect(socket.connects).toBe(1);
    expect(clock.delays).toEqual([500]);
  });

  it('leaves other disconnects to Socket.IO, which reconnects those by itself', () => {
    const socket = fakeSocket();
    const clock = manualClock();
    reconnectAfterServerDisconnect(socket as Reconnectable, {
      wanted: () => true,
      schedule: clock.schedule,
    });
    for (const reason of ['transport close', 'ping timeout', 'io client disconnect'])
      socket.fire('disconnect', reason);
    clock.runAll();
    expect(clock.delays).toEqual([]);
    expect(socket.connects).toBe(0);
  });

  it('does not reconnect a socket given up at sign-out', () => {
    const socket = fakeSocket();
    const clock = manualClock();
    let wanted = true;
    reconnectAfterServerDisconnect(socket as Reconnectable, {
      wanted: () => wanted,
      schedule: clock.schedule,
    });
    socket.fire('disconnect', 'io server disconnect');
    wanted = false;
    clock.runAll();
    expect(socket.connects).toBe(0);
  });

  it('backs off while the server keeps closing it, and starts afresh once a connection is ready', () => {
    const socket = fakeSocket();
    const clock = manualClock();
    reconnectAfterServerDisconnect(socket as Reconnectable, {
      wanted: () => true,
      schedule: clock.schedule,
      random: () => 1,
      maxDelayMs: 3_000,
    });
    for (let i = 0; i < 5; i++) {
      socket.fire('disconnect', 'io server disconnect');
      clock.runAll();
    }
    expect(clock.delays).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
    socket.fire('session:ready');
    socket.fire('disconnect', 'io server disconnect');
    expect(clock.delays.at(-1)).toBe(500);
    expect(socket.connects).toBe(5);
  });

  it('spreads reconnects out, so many people closed at once do not return at once', () => {
    const socket = fakeSocket();
    const clock = manualClock();
    reconnectAfterServerDisconnect(socket as Reconnectable, {
      wanted: () => true,
      schedule: clock.schedule,
      random: () => 0,
    });
    socket.fire('disconnect', 'io server disconnect');
    expect(clock.delays).toEqual([250]);
  });
});
