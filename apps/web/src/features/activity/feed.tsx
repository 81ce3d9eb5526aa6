import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { apiGet } from '../../api/client.ts';
import { colabSocket } from '../../realtime/socket.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { formatMoment } from '../cohorts/dates.ts';

interface Activity {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  actor: { userId: string; displayName: string } | null;
  createdAt: string;
}

const feedKey = (cohortId: string) => ['cohort', cohortId, 'activity'] as const;

/**
 * What just happened in the cohort, as this person may see it (the server filters), kept
 * live: a socket event says something is new and the list is fetched again.
 */
export function ActivityFeed({ cohortId }: { cohortId: string }) {
  const person = useCurrentPerson();
  const queryClient = useQueryClient();
  const feed = useQuery({
    queryKey: feedKey(cohortId),
    queryFn: () =>
      apiGet<{ activity: Activity[] }>(
        `/api/cohorts/${encodeURIComponent(cohortId)}/activity?limit=10`,
      ),
  });
  useEffect(() => {
    if (typeof WebSocket === 'undefined' || import.meta.env.MODE === 'test') return;
    const socket = colabSocket();
    const refresh = (payload?: { cohortId: string }) => {
      if (!payload || payload.cohortId === cohortId)
        void queryClient.invalidateQueries({ queryKey: feedKey(cohortId) });
    };
    const reconnected = () => refresh();
    socket.on('activity:new', refresh);
    socket.on('connect', reconnected);
    return () => {
      socket.off('activity:new', refresh);
      socket.off('connect', reconnected);
    };
  }, [cohortId, queryClient]);

  if (feed.isPending) return <p className="muted">Loading what’s happening…</p>;
  if (feed.error) return <p className="muted">What’s happening could not be loaded just now.</p>;
  if (feed.data.activity.length === 0)
    return (
      <div className="quiet-box">
        <p>
          Nothing yet. As your cohort gets going, new boards, reflection prompts, set meetings and
          showcase outputs will appear here as they happen.
        </p>
      </div>
    );
  return (
    <ul className="activity-list" aria-label="What’s happening" aria-live="polite">
      {feed.data.activity.map((a) => (
        <li key={a.id}>
          {a.link ? <Link to={a.link}>{a.title}</Link> : <span>{a.title}</span>}{' '}
          <span className="muted activity-list__when">
            {formatMoment(a.createdAt, person.timezone)}
          </span>
        </li>
      ))}
    </ul>
  );
}
