import type { ClientToServerEvents, ServerToClientEvents } from '@colab/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { io, type Socket } from 'socket.io-client';
import { reconnectAfterServerDisconnect } from './reconnect.ts';

type ColabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let shared: ColabSocket | null = null;

/** One Socket.IO connection per tab, opened on first use; the session cookie signs it in. */
export function colabSocket(): ColabSocket {
  if (shared) return shared;
  const socket: ColabSocket = io({ transports: ['websocket'], withCredentials: true });
  // Removal from a cohort closes the socket; the person's other cohorts must keep working.
  reconnectAfterServerDisconnect(socket, { wanted: () => shared === socket });
  shared = socket;
  return socket;
}

/** Closes the connection (at sign-out), so the next person opens their own. */
export function closeColabSocket() {
  shared?.close();
  shared = null;
}

/**
 * Keeps a set's page live: joins the set's room (again after every reconnect, since the
 * server checks membership on each join) and refetches whatever the set says changed.
 */
export function useSetLive(setId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof WebSocket === 'undefined' || import.meta.env.MODE === 'test') return;
    const socket = colabSocket();
    const join = () => socket.emit('set:join', { setId }, () => {});
    const refresh = (payload: { setId: string }) => {
      if (payload.setId !== setId) return;
      void queryClient.invalidateQueries({ queryKey: ['set', setId] });
    };
    join();
    socket.on('connect', join);
    socket.on('set:changed', refresh);
    socket.on('poll:updated', refresh);
    return () => {
      socket.off('connect', join);
      socket.off('set:changed', refresh);
      socket.off('poll:updated', refresh);
      socket.emit('set:leave', { setId }, () => {});
    };
  }, [setId, queryClient]);
}
