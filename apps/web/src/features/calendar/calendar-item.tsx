import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/dialog.tsx';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { formatTime } from '../sets/time.ts';
import { type CalendarItem, useEventChanges } from './api.ts';

const KIND_LABELS = {
  masterclass: 'Masterclass',
  celebration: 'Celebration event',
  other: 'Event',
};

/** One thing on the calendar: when (in the viewer's zone), what, and the way to it. */
export function CalendarEntry({
  item,
  cohortId,
  manages,
}: {
  item: CalendarItem;
  cohortId: string;
  manages: boolean;
}) {
  const { timezone } = useCurrentPerson();
  const { cancel } = useEventChanges(cohortId);
  const cancelled = item.type !== 'milestone' && item.cancelled;
  const time =
    item.type === 'milestone'
      ? 'Milestone'
      : `${formatTime(item.startsAt, timezone)}–${formatTime(item.endsAt, timezone)}`;
  const what =
    item.type === 'meeting'
      ? `${item.setName}: ${item.title}`
      : item.type === 'event'
        ? `${KIND_LABELS[item.kind]}: ${item.title}`
        : `${item.groupName}: ${item.title}${item.done ? ' (done)' : ''}`;
  return (
    <article
      className={`calendar-entry calendar-entry--${item.type}`}
      aria-label={`${what}, ${time}`}
    >
      <p className="calendar-entry__time">{time}</p>
      <p className="calendar-entry__what">
        {cancelled ? (
          <>
            <s>{what}</s> <strong>Cancelled</strong>
          </>
        ) : item.type === 'meeting' ? (
          <Link to={`/cohorts/${cohortId}/sets/${item.setId}`}>{what}</Link>
        ) : (
          what
        )}
      </p>
      {item.type === 'meeting' && !cancelled ? (
        <p className="calendar-entry__more muted">
          {item.rsvp.going} going
          {' · '}
          <a href={`/api/meetings/${item.meetingId}.ics`} download>
            Add to calendar
          </a>
        </p>
      ) : null}
      {item.type === 'event' && !cancelled ? (
        <p className="calendar-entry__more muted">
          {item.location ?? ''}
          {item.videoUrl ? (
            <>
              {item.location ? ' · ' : ''}
              <a href={item.videoUrl} target="_blank" rel="noreferrer">
                Join online
              </a>
            </>
          ) : null}
          {manages ? (
            <ConfirmButton
              trigger="Cancel event"
              triggerAriaLabel={`Cancel ${item.title}`}
              triggerClassName="button button--quiet button--tiny"
              title={`Cancel ${item.title}?`}
              confirmLabel="Cancel the event"
              cancelLabel="Keep it"
              onConfirm={() => cancel.mutateAsync(item.id)}
            >
              <p>
                Everyone in the cohort will see it as cancelled, and calendar apps will drop it.
              </p>
            </ConfirmButton>
          ) : null}
        </p>
      ) : null}
    </article>
  );
}
