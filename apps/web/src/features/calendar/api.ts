import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../api/client.ts';
import type { Occurrence } from '../sets/meetings-api.ts';

export interface CohortEvent {
  id: string;
  cohortId: string;
  title: string;
  kind: 'masterclass' | 'celebration' | 'other';
  startsAt: string;
  endsAt: string;
  timezone: string;
  durationMinutes: number;
  location: string | null;
  videoUrl: string | null;
  description: string | null;
  cancelled: boolean;
}

export type CalendarItem =
  | ({ type: 'meeting'; setName: string } & Occurrence)
  | ({ type: 'event' } & CohortEvent)
  | {
      type: 'milestone';
      id: string;
      groupId: string;
      groupName: string;
      title: string;
      dueOn: string;
      done: boolean;
      startsAt: string;
      endsAt: string;
      allDay: true;
    };

const calendarKey = (cohortId: string) => ['cohort', cohortId, 'calendar'] as const;

export function useCohortCalendar(cohortId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...calendarKey(cohortId), range.from, range.to],
    queryFn: async () =>
      (
        await apiGet<{ items: CalendarItem[] }>(
          `/api/cohorts/${encodeURIComponent(cohortId)}/calendar?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`,
        )
      ).items,
    placeholderData: (previous) => previous,
  });
}

export function useEventChanges(cohortId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: calendarKey(cohortId) });
  return {
    create: useMutation({
      mutationFn: (input: Record<string, unknown>) =>
        apiPost<CohortEvent>(`/api/cohorts/${encodeURIComponent(cohortId)}/events`, input),
      onSuccess,
    }),
    cancel: useMutation({
      mutationFn: (eventId: string) =>
        apiPatch<CohortEvent>(`/api/events/${encodeURIComponent(eventId)}`, { cancelled: true }),
      onSuccess,
    }),
  };
}

// Not under 'me', whose cache outlives sign-out.
const FEED_KEY = ['calendar-feed'] as const;
/**
 * The server keeps only a hash of the feed's token, so it can say whether a feed exists but
 * show its URL only once, in the answer to making it (held here in the mutation's data).
 */
export function useCalendarFeed() {
  const queryClient = useQueryClient();
  return {
    feed: useQuery({
      queryKey: FEED_KEY,
      queryFn: () => apiGet<{ exists: boolean; createdAt: string | null }>('/api/me/calendar-feed'),
    }),
    rotate: useMutation({
      mutationFn: () => apiPost<{ url: string; createdAt: string }>('/api/me/calendar-feed/rotate'),
      onSuccess: ({ createdAt }) => queryClient.setQueryData(FEED_KEY, { exists: true, createdAt }),
    }),
  };
}
