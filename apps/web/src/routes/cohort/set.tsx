import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { SetAttendance } from '../../features/sets/attendance.tsx';
import { MeetingList } from '../../features/sets/meeting-list.tsx';
import { useLearningSet, usePolls, useSetMeetings } from '../../features/sets/meetings-api.ts';
import { NewPollForm, PollCard } from '../../features/sets/poll-panel.tsx';
import { ScheduleForm } from '../../features/sets/schedule-form.tsx';
import { useSetLive } from '../../realtime/socket.ts';
import { Page } from '../../ui/page.tsx';

/**
 * One action learning set: its meetings (in the viewer's timezone), RSVPs, availability polls,
 * and the way into each meeting. Live for everyone on the page.
 */
export function SetPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const { setId = '' } = useParams();
  useSetLive(setId);
  const set = useLearningSet(setId);
  // Those who run the cohort see that a set exists and who is in it; its meetings and polls
  // are its members' alone, so they are not asked for (the server would refuse them).
  const member = set.data?.members.some((m) => m.userId === person.id) ?? false;
  const meetings = useSetMeetings(setId, member);
  const polls = usePolls(setId, member);

  if (set.isPending) return <p className="muted">Loading the set…</p>;
  if (set.error) {
    return (
      <Page title="Set not found" section>
        <p>
          {set.error instanceof ApiError && set.error.status === 404
            ? 'We could not find this set. You may not be in it, or the link may be wrong.'
            : 'The set could not be loaded. Reload to try again.'}
        </p>
        <p>
          <Link to={`/cohorts/${cohort.id}/sets`}>Back to the sets</Link>
        </p>
      </Page>
    );
  }
  const mine = set.data.members.find((m) => m.userId === person.id);
  const facilitates = mine?.role === 'facilitator' && !cohort.archived;
  const outsider = !mine;
  const now = Date.now();
  const occurrences = meetings.data?.occurrences ?? [];
  const upcoming = occurrences.filter((o) => Date.parse(o.endsAt) >= now);
  const past = occurrences.filter((o) => Date.parse(o.endsAt) < now && !o.cancelled).reverse();

  return (
    <Page
      title={set.data.name}
      documentTitle={`${set.data.name} – ${cohort.name}`}
      section
      lead={
        <>
          What is said in a set stays in the set. Times are shown in{' '}
          {person.timezone.replaceAll('_', ' ')} (<Link to="/profile">change</Link>).
        </>
      }
    >
      <p>
        <Link to={`/cohorts/${cohort.id}/sets`}>All sets</Link>
      </p>
      <ul className="set-members" aria-label={`Members of ${set.data.name}`}>
        {set.data.members.map((m) => (
          <li key={m.userId}>
            {m.displayName}
            {m.role === 'facilitator' ? <span className="muted"> · facilitator</span> : null}
          </li>
        ))}
      </ul>
      {outsider ? (
        <>
          <p className="quiet-box">
            You run this cohort, so you see that this set exists, who is in it and how many came to
            its meetings. Its meetings and what is said in them are for its members.
          </p>
          <SetAttendance setId={setId} />
        </>
      ) : (
        <>
          <section className="section" aria-labelledby="set-upcoming">
            <h2 id="set-upcoming" className="section__title">
              Coming up
            </h2>
            {meetings.isPending ? (
              <p className="muted">Loading meetings…</p>
            ) : meetings.error ? (
              <p role="alert">The meetings could not be loaded. Reload to try again.</p>
            ) : upcoming.length === 0 ? (
              <p className="quiet-box">
                {facilitates
                  ? 'No meetings yet. Ask the set when they can meet, or schedule a meeting below.'
                  : 'No meetings yet. Your facilitator will find a time with you.'}
              </p>
            ) : (
              <MeetingList
                occurrences={upcoming}
                cohortId={cohort.id}
                facilitates={facilitates}
                label="Meetings coming up"
              />
            )}
          </section>
          <section className="section" aria-labelledby="set-polls">
            <h2 id="set-polls" className="section__title">
              Finding a time
            </h2>
            {(polls.data ?? []).filter((p) => p.status === 'open').length === 0 && !facilitates ? (
              <p className="muted">
                No open polls. When the facilitator asks when to meet, the poll appears here.
              </p>
            ) : null}
            {(polls.data ?? [])
              .filter((p) => p.status === 'open')
              .map((poll) => (
                <PollCard key={poll.id} poll={poll} facilitates={facilitates} />
              ))}
            {facilitates ? <NewPollForm setId={setId} /> : null}
          </section>
          {facilitates ? (
            <section className="section" aria-label="Schedule">
              <ScheduleForm setId={setId} />
            </section>
          ) : null}
          {facilitates ? <SetAttendance setId={setId} /> : null}
          {past.length ? (
            <section className="section" aria-labelledby="set-past">
              <h2 id="set-past" className="section__title">
                Past meetings
              </h2>
              <MeetingList
                occurrences={past}
                cohortId={cohort.id}
                facilitates={false}
                label="Past meetings"
              />
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
