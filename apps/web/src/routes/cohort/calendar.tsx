import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { type CalendarItem, useCohortCalendar } from '../../features/calendar/api.ts';
import { CalendarEntry } from '../../features/calendar/calendar-item.tsx';
import {
  addDays,
  addMonths,
  type Day,
  dayBounds,
  dayOf,
  formatDay,
  monthWeeks,
  startOfWeek,
} from '../../features/calendar/days.ts';
import { EventForm } from '../../features/calendar/event-form.tsx';
import { FeedLink } from '../../features/calendar/feed-link.tsx';
import { may } from '../../features/cohorts/api.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { Page } from '../../ui/page.tsx';

type View = 'month' | 'week' | 'agenda';
const VIEWS: { id: View; label: string }[] = [
  { id: 'month', label: 'Month' },
  { id: 'week', label: 'Week' },
  { id: 'agenda', label: 'Agenda' },
];
const AGENDA_DAYS = 56;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** What is on: the cohort's events, one's own set's meetings and one's groups' milestones. */
export function CalendarPage() {
  const cohort = useCohortSpace();
  const { timezone } = useCurrentPerson();
  const today = dayOf(new Date(), timezone);
  const [view, setView] = useState<View>('month');
  const [anchor, setAnchor] = useState<Day>(today);
  const manages = may(cohort, 'events.manage') && !cohort.archived;

  const weeks = monthWeeks(anchor);
  const [first, last] =
    view === 'month'
      ? [weeks[0]![0]!, weeks.at(-1)![6]!]
      : view === 'week'
        ? [startOfWeek(anchor), addDays(startOfWeek(anchor), 6)]
        : [anchor, addDays(anchor, AGENDA_DAYS - 1)];
  const calendar = useCohortCalendar(cohort.id, dayBounds(first, last));
  const byDay = new Map<Day, CalendarItem[]>();
  for (const item of calendar.data ?? []) {
    const day = item.type === 'milestone' ? item.dueOn : dayOf(item.startsAt, timezone);
    if (day < first || day > last) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const step = (n: number) =>
    setAnchor(
      view === 'month'
        ? addMonths(anchor, n)
        : addDays(anchor, n * (view === 'week' ? 7 : AGENDA_DAYS)),
    );
  const period =
    view === 'month'
      ? formatDay(anchor, { month: 'long', year: 'numeric' })
      : view === 'week'
        ? `Week of ${formatDay(first, { day: 'numeric', month: 'long', year: 'numeric' })}`
        : `${formatDay(first, { day: 'numeric', month: 'long' })} to ${formatDay(last, { day: 'numeric', month: 'long', year: 'numeric' })}`;
  const entries = (day: Day) =>
    (byDay.get(day) ?? []).map((item) => (
      <li
        key={`${item.type}-${'occurrence' in item ? `${item.meetingId}-${item.occurrence}` : item.id}`}
      >
        <CalendarEntry item={item} cohortId={cohort.id} manages={manages} />
      </li>
    ));
  const empty = calendar.isSuccess && byDay.size === 0;

  return (
    <Page
      title="Calendar"
      documentTitle={`Calendar – ${cohort.name}`}
      section
      lead={
        <>
          Times are shown in {timezone.replaceAll('_', ' ')} (<Link to="/profile">change</Link>).
        </>
      }
    >
      <div className="calendar-toolbar">
        <fieldset className="button-row" aria-label="View">
          <legend className="visually-hidden">View</legend>
          {VIEWS.map((v) => (
            <Button
              key={v.id}
              className={`button button--small${view === v.id ? ' button--primary' : ''}`}
              aria-pressed={view === v.id}
              onPress={() => setView(v.id)}
            >
              {v.label}
            </Button>
          ))}
        </fieldset>
        <div className="button-row">
          <Button className="button button--quiet button--small" onPress={() => step(-1)}>
            Previous
          </Button>
          <Button className="button button--quiet button--small" onPress={() => setAnchor(today)}>
            Today
          </Button>
          <Button className="button button--quiet button--small" onPress={() => step(1)}>
            Next
          </Button>
        </div>
      </div>
      <h2 className="section__title" aria-live="polite">
        {period}
      </h2>
      {calendar.error ? (
        <p role="alert">The calendar could not be loaded. Reload to try again.</p>
      ) : null}
      {view === 'month' ? (
        <table className="calendar-month">
          <caption className="visually-hidden">{period}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col" className="calendar-month__weekday">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => (
                  <td
                    key={day}
                    className={`calendar-month__day${day.slice(0, 7) !== anchor.slice(0, 7) ? ' calendar-month__day--outside' : ''}${day === today ? ' calendar-month__day--today' : ''}`}
                    aria-current={day === today ? 'date' : undefined}
                  >
                    <span className="calendar-month__date">
                      <span className="calendar-month__date-long visually-hidden">
                        {formatDay(day, { weekday: 'long', day: 'numeric', month: 'long' })}
                      </span>
                      <span className="calendar-month__date-short" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                    </span>
                    {byDay.has(day) ? <ul className="plain-list">{entries(day)}</ul> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ol className="calendar-days" aria-label={period}>
          {(view === 'week'
            ? Array.from({ length: 7 }, (_, i) => addDays(first, i))
            : [...byDay.keys()].sort()
          ).map((day) => (
            <li
              key={day}
              className="calendar-days__day"
              aria-current={day === today ? 'date' : undefined}
            >
              <h3 className="calendar-days__title">
                {formatDay(day, { weekday: 'long', day: 'numeric', month: 'long' })}
                {day === today ? ' (today)' : ''}
              </h3>
              {byDay.has(day) ? (
                <ul className="plain-list">{entries(day)}</ul>
              ) : (
                <p className="muted">Nothing on.</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {empty ? (
        <p className="quiet-box">
          Nothing on the calendar{' '}
          {view === 'month' ? 'this month' : view === 'week' ? 'this week' : 'in these eight weeks'}
          .{' '}
          {manages
            ? 'Add a masterclass or the celebration event below; set meetings appear here once a set schedules them.'
            : 'Your set’s meetings and the cohort’s events appear here once they are scheduled.'}
        </p>
      ) : null}
      {manages ? <EventForm cohortId={cohort.id} /> : null}
      <FeedLink />
    </Page>
  );
}
