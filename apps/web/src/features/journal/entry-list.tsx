import { Link } from 'react-router';
import { Badge } from '../../ui/badge.tsx';
import { EmptyState } from '../../ui/card.tsx';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { formatMomentDay } from '../cohorts/dates.ts';
import { entryTitle } from './api.ts';
import type { JournalEntry } from './types.ts';

/** The person's entries, newest first (the server's order). */
export function EntryList({ entries }: { entries: JournalEntry[] }) {
  const { timezone } = useCurrentPerson();
  return (
    <ul className="entry-list" aria-label="Your journal entries">
      {entries.map((entry) => (
        <li key={entry.id}>
          <article className="entry-card">
            <h2 className="entry-card__title">
              <Link to={`/journal/${entry.id}`} className="entry-card__link">
                {entryTitle(entry)}
              </Link>
            </h2>
            <p className="entry-card__date muted">{formatMomentDay(entry.createdAt, timezone)}</p>
            {entry.prompt ? (
              <p className="entry-card__prompt">
                <span className="muted">Answers: </span>
                {entry.prompt.text}
              </p>
            ) : null}
            <p className="entry-card__sharing">
              {entry.shares.length === 0 ? (
                <Badge>Private</Badge>
              ) : (
                <>
                  <Badge tone="info">Shared</Badge>{' '}
                  <span>with {entry.shares.map((s) => s.cohortName).join(', ')}</span>
                </>
              )}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

export function NoEntries() {
  return (
    <EmptyState title="Your journal is empty" icon={<JournalIcon />}>
      <p>
        Your journal is for your own notes between sessions: what you noticed, what you are trying,
        what you want to bring to your set. Write freely, or answer a prompt from your facilitator.
      </p>
      <p>
        Only you can read it. Not your facilitator, not your programme lead. If you want others to
        see an entry, you can share a copy of it with your cohort.
      </p>
    </EmptyState>
  );
}

function JournalIcon() {
  return (
    <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
      <path
        d="M12 6h22a4 4 0 0 1 4 4v32H16a4 4 0 0 1-4-4z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinejoin="round"
      />
      <path
        d="M19 15h12M19 22h12M19 29h7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
