import { Link } from 'react-router';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { formatWhen } from '../sets/time.ts';
import { useCohortCalendar } from './api.ts';
import { addDays, dayBounds, dayOf, formatDay } from './days.ts';

const SHOWN = 5;

/** The next few things on the cohort calendar, for the cohort home. */
export function ComingUp({ cohortId }: { cohortId: string }) {
  const { timezone } = useCurrentPerson();
  const today = dayOf(new Date(), timezone);
  const calendar = useCohortCalendar(cohortId, dayBounds(today, addDays(today, 60)));
  const now = Date.now();
  const next = (calendar.data ?? [])
    .filter((item) =>
      item.type === 'milestone' ? item.dueOn >= today : Date.parse(item.endsAt) >= now,
    )
    .filter((item) => item.type === 'milestone' || !item.cancelled)
    .slice(0, SHOWN);
  if (calendar.isPending) return <p className="muted">Loading what is coming up…</p>;
  if (next.length === 0) {
    return (
      <div className="quiet-box">
        <p>
          Nothing in the next two months yet. Masterclasses, your set’s meetings and the celebration
          event will be listed here once they are planned.
        </p>
      </div>
    );
  }
  return (
    <>
      <ul className="plain-list card" aria-label="Coming up">
        {next.map((item) => (
          <li
            key={`${item.type}-${'occurrence' in item ? `${item.meetingId}-${item.occurrence}` : item.id}`}
          >
            <strong>
              {item.type === 'milestone'
                ? formatDay(item.dueOn, { weekday: 'short', day: 'numeric', month: 'short' })
                : formatWhen(item.startsAt, timezone)}
            </strong>{' '}
            {item.type === 'meeting'
              ? `${item.setName}: ${item.title}`
              : item.type === 'event'
                ? item.title
                : `${item.groupName}: ${item.title}`}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/cohorts/${cohortId}/calendar`}>The whole calendar</Link>
      </p>
    </>
  );
}
