import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { colabSocket } from '../../realtime/socket.ts';
import { cohortKeys } from './api.ts';

/** Cohorts this tab is leaving at the person's own request: the leave flow says so itself. */
export const leavingByChoice = new Set<string>();

/**
 * When the person is removed from the cohort they are looking at (the server says so just
 * before it closes the socket), take them to their cohorts with a word about why, instead of
 * leaving a page whose every request now fails.
 */
export function useMoveAwayWhenRemoved(cohortId: string, cohortName: string | undefined) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    if (typeof WebSocket === 'undefined' || import.meta.env.MODE === 'test') return;
    const socket = colabSocket();
    const removed = (payload: { cohortId: string }) => {
      if (payload.cohortId !== cohortId || leavingByChoice.has(cohortId)) return;
      navigate('/', { replace: true, state: { removed: cohortName ?? 'a cohort' } });
      queryClient.removeQueries({ queryKey: cohortKeys.one(cohortId) });
      void queryClient.invalidateQueries({ queryKey: cohortKeys.list });
    };
    socket.on('cohort:removed', removed);
    return () => {
      socket.off('cohort:removed', removed);
    };
  }, [cohortId, cohortName, queryClient, navigate]);
}
