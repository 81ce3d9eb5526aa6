import type { RsvpAnswer } from '@colab/shared';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { type Occurrence, useSetMeetingChanges } from './meetings-api.ts';
import { formatWhen, toLocalInput } from './time.ts';

const RSVP_LABELS: Record<RsvpAnswer, string> = { going: 'Going', maybe: 'Maybe', cant: 'Can’t' };

/** A set's meetings: when (in the viewer's zone), where, who is coming, and the way in. */
export function MeetingList({
  occurrences,
  cohortId,
  facilitates,
  label,
}: {
  occurrences: Occurrence[];
  cohortId: string;
  facilitates: boolean;
  label: string;
}) {
  return (
    <ul className="meeting-list" aria-label={label}>
      {occurrences.map((o) => (
        <li key={`${o.meetingId}|${o.occurrence}`} className="card meeting-list__item">
          <MeetingItem occurrence={o} cohortId={cohortId} facilitates={facilitates} />
        </li>
      ))}
    </ul>
  );
}

function MeetingItem({
  occurrence: o,
  cohortId,
  facilitates,
}: {
  occurrence: Occurrence;
  cohortId: string;
  facilitates: boolean;
}) {
  const { timezone } = useCurrentPerson();
  const changes = useSetMeetingChanges(o.setId);
  const [changing, setChanging] = useState(false);
  // Shown at once; the counts follow from the server.
  const [picked, setPicked] = useState<RsvpAnswer | null>(null);
  const when = formatWhen(o.startsAt, timezone);
  const ended = Date.parse(o.endsAt) <= Date.now();
  const runner = `/cohorts/${cohortId}/sets/${o.setId}/meetings/${o.meetingId}?occurrence=${encodeURIComponent(o.occurrence)}`;
  return (
    <article aria-label={`${o.title}, ${when}`}>
      <h3 className="meeting-list__when">
        {o.cancelled ? <s>{when}</s> : when}
        {o.cancelled ? <span className="badge badge--danger">Cancelled</span> : null}
        {o.moved ? <span className="badge badge--info">Moved</span> : null}
        {o.added ? <span className="badge badge--info">Extra</span> : null}
      </h3>
      <p className="muted">
        {o.title} · {o.durationMinutes} minutes{o.recurring ? ' · part of a series' : ''}
        {o.location ? ` · ${o.location}` : ''}
      </p>
      {o.videoUrl && !o.cancelled ? (
        <p>
          <a href={o.videoUrl} target="_blank" rel="noreferrer">
            Join online
          </a>
        </p>
      ) : null}
      {/* Once a meeting is over, who came is the check-in's record; the server refuses RSVPs too. */}
      {o.cancelled || ended ? null : (
        <fieldset className="rsvp">
          <legend>
            Are you coming?{' '}
            <span className="muted">
              {o.rsvp.going} going · {o.rsvp.maybe} maybe · {o.rsvp.cant} can’t
            </span>
          </legend>
          {(Object.keys(RSVP_LABELS) as RsvpAnswer[]).map((answer) => (
            <label key={answer} className="rsvp__choice">
              <input
                type="radio"
                name={`rsvp-${o.meetingId}-${o.occurrence}`}
                checked={(picked ?? o.rsvp.mine) === answer}
                disabled={changes.rsvp.isPending}
                onChange={() => {
                  setPicked(answer);
                  changes.rsvp.mutate(
                    { meetingId: o.meetingId, occurrence: o.occurrence, response: answer },
                    { onError: () => setPicked(null) },
                  );
                }}
              />
              {RSVP_LABELS[answer]}
            </label>
          ))}
        </fieldset>
      )}
      <p className="meeting-list__links">
        {o.cancelled ? null : <Link to={runner}>Open the meeting</Link>}
        <a href={`/api/meetings/${o.meetingId}.ics`} download>
          Add to calendar
        </a>
        {facilitates && !o.cancelled ? (
          <Button
            className="button button--quiet button--small"
            onPress={() => setChanging((v) => !v)}
          >
            {changing ? 'Close' : 'Move or cancel'}
          </Button>
        ) : null}
      </p>
      {changing ? <ChangeMeeting occurrence={o} onDone={() => setChanging(false)} /> : null}
      {changes.rsvp.error ? <p role="alert">{describeError(changes.rsvp.error).message}</p> : null}
    </article>
  );
}

function ChangeMeeting({ occurrence: o, onDone }: { occurrence: Occurrence; onDone: () => void }) {
  const { update } = useSetMeetingChanges(o.setId);
  const [scope, setScope] = useState<'this' | 'following' | 'all'>('this');
  const [startsAt, setStartsAt] = useState(toLocalInput(o.startsAt, o.timezone));
  const send = (change: Record<string, unknown>) =>
    update.mutate(
      { meetingId: o.meetingId, scope, occurrence: o.occurrence, ...change },
      { onSuccess: onDone },
    );
  return (
    <div className="meeting-change">
      {o.recurring ? (
        <fieldset>
          <legend>Change which meetings?</legend>
          {(
            [
              ['this', 'This meeting only'],
              ['following', 'This and the ones after it'],
              ['all', 'The whole series'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="rsvp__choice">
              <input
                type="radio"
                name={`scope-${o.occurrence}`}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      ) : null}
      {scope === 'all' ? null : (
        <label className="field">
          <span className="field__label">New start ({o.timezone.replaceAll('_', ' ')} time)</span>
          <input
            className="field__input"
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
          />
        </label>
      )}
      <div className="form__actions">
        {scope === 'all' ? null : (
          <Button
            className="button button--small"
            isPending={update.isPending}
            onPress={() => send({ startsAt })}
          >
            Move
          </Button>
        )}
        <Button
          className="button button--danger button--small"
          isPending={update.isPending}
          onPress={() => send({ cancelled: true })}
        >
          Cancel {scope === 'this' || !o.recurring ? 'this meeting' : 'these meetings'}
        </Button>
      </div>
      {update.error ? <p role="alert">{describeError(update.error).message}</p> : null}
    </div>
  );
}
