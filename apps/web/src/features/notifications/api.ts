import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiGet, apiPost } from '../../api/client.ts';
import { colabSocket } from '../../realtime/socket.ts';

export interface Notification {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}
type NotificationList = { notifications: Notification[]; unread: number };

const key = ['notifications'] as const;

export const useNotifications = () =>
  useQuery({ queryKey: key, queryFn: () => apiGet<NotificationList>('/api/notifications') });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      apiPost<NotificationList>('/api/notifications/read', ids ? { ids } : {}),
    onSuccess: (list) => queryClient.setQueryData(key, list),
  });
}

/**
 * Keeps the list and its unread count live: a new notification arrives over the socket and
 * the list is fetched again (so what is shown always comes through the API's checks).
 * Answers the newest arrival's title, for a polite announcement.
 */
export function useLiveNotifications(): string {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState('');
  useEffect(() => {
    if (typeof WebSocket === 'undefined' || import.meta.env.MODE === 'test') return;
    const socket = colabSocket();
    const arrived = (n: { title: string }) => {
      setLatest(`New notification: ${n.title}`);
      void queryClient.invalidateQueries({ queryKey: key });
    };
    // After a reconnect, whatever arrived meanwhile shows up too.
    const resync = () => void queryClient.invalidateQueries({ queryKey: key });
    socket.on('notification:new', arrived);
    socket.on('connect', resync);
    return () => {
      socket.off('notification:new', arrived);
      socket.off('connect', resync);
    };
  }, [queryClient]);
  return latest;
}
