import type { TPresencePage, TPresencePerson } from '@colab/shared';
import { Avatar } from '../../ui/avatar.tsx';

const WHERE: Record<TPresencePage, string> = {
  home: 'on the cohort home',
  boards: 'looking at boards',
  board: 'on a board',
  reflections: 'reading reflections',
  sets: 'with the sets',
  meeting: 'in a meeting',
  groups: 'with the groups',
  group: 'on a group’s page',
  showcase: 'at the showcase',
  calendar: 'on the calendar',
  members: 'looking at members',
  search: 'searching',
  other: 'elsewhere in Colab',
};

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Who is online in the cohort now, one avatar each, with where they are. */
export function HereNow({ people }: { people: TPresencePerson[] }) {
  // The row keeps its height while nobody is listed yet, so the page below does not jump
  // (and a click aimed at it land elsewhere) when presence arrives a moment after the page.
  if (people.length === 0) return <div className="here-now" aria-hidden="true" />;
  return (
    <section className="here-now" aria-label="Online now">
      <ul className="here-now__list">
        {people.map((p) => (
          <li
            key={p.userId}
            className={`here-now__person${p.idle ? ' here-now__person--idle' : ''}`}
            title={`${p.displayName}, ${WHERE[p.page]}${p.idle ? ' (away)' : ''}`}
          >
            <Avatar initials={initialsOf(p.displayName)} size="s" />
            <span className="visually-hidden">
              {p.displayName}, {WHERE[p.page]}
              {p.idle ? ' (away)' : ''}
            </span>
          </li>
        ))}
      </ul>
      <span className="here-now__count muted" aria-hidden="true">
        {people.length} online
      </span>
    </section>
  );
}
