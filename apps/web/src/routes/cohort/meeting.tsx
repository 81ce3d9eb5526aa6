import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useRunner } from '../../features/sets/meetings-api.ts';
import {
  ActionList,
  CheckIn,
  FollowUps,
  PresentationCard,
  Rota,
} from '../../features/sets/runner-parts.tsx';
import { formatWhen } from '../../features/sets/time.ts';
import { useSetLive } from '../../realtime/socket.ts';
import { Page } from '../../ui/page.tsx';

/**
 * A set meeting as it happens, live for everyone in it: check-in, follow-ups of earlier
 * actions, who presents, and for each presenter the challenge, questions, timer and actions.
 */
export function MeetingPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const { setId = '', meetingId = '' } = useParams();
  const [search] = useSearchParams();
  const occurrence = search.get('occurrence') ?? '';
  useSetLive(setId);
  const runner = useRunner(setId, meetingId, occurrence);
  const back = `/cohorts/${cohort.id}/sets/${setId}`;

  if (runner.isPending) return <p className="muted">Loading the meeting…</p>;
  if (runner.error) {
    const missing =
      runner.error instanceof ApiError && [400, 403, 404].includes(runner.error.status);
    return (
      <Page title="Meeting not found" section>
        <p>
          {missing
            ? 'We could not find this meeting, or it is not one of your set’s.'
            : 'The meeting could not be loaded. Reload to try again.'}
        </p>
        <p>
          <Link to={back}>Back to the set</Link>
        </p>
      </Page>
    );
  }
  const data = runner.data;
  const where = { setId, meetingId, occurrence: data.meeting.occurrence };
  const loose = data.actions.filter((a) => a.presentationId === null);
  return (
    <Page
      title={`${data.setName}: ${formatWhen(data.meeting.startsAt, person.timezone)}`}
      documentTitle={`${data.setName} meeting – ${cohort.name}`}
      section
      lead="Everyone in the meeting sees this page change as it happens."
    >
      <p>
        <Link to={back}>Back to {data.setName}</Link>
      </p>
      {data.meeting.cancelled ? <p className="banner">This meeting was cancelled.</p> : null}
      <CheckIn runner={data} where={where} personId={person.id} />
      <FollowUps runner={data} where={where} />
      <Rota runner={data} where={where} />
      {data.presentations.map((p) => (
        <PresentationCard key={p.id} presentation={p} runner={data} where={where} />
      ))}
      <ActionList actions={loose} label="Other actions" />
    </Page>
  );
}
