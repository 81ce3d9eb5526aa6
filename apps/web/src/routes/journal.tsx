import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../api/form-errors.ts';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { formatMoment } from '../features/cohorts/dates.ts';
import { useJournal, useNewEntry } from '../features/journal/api.ts';
import { FormAlert } from '../ui/form-alert.tsx';
import { Page } from '../ui/page.tsx';

export function JournalPage() {
  const person = useCurrentPerson();
  const entries = useJournal();
  const create = useNewEntry();
  const navigate = useNavigate();

  return (
    <Page
      title="Your journal"
      lead="Private notes between sessions. Only you can read them — not facilitators, not the people who run Colab — unless you share an entry."
    >
      <p>
        <Button
          className="button button--primary"
          isPending={create.isPending}
          onPress={() =>
            create.mutate({}, { onSuccess: (entry) => navigate(`/journal/${entry.id}`) })
          }
        >
          New entry
        </Button>
      </p>
      <FormAlert message={create.error ? (describeError(create.error).message ?? null) : null} />
      {entries.isPending ? (
        <p className="muted">Loading your entries…</p>
      ) : entries.error ? (
        <p role="alert">Your journal could not be loaded. Check your connection and reload.</p>
      ) : entries.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            Nothing here yet. Start an entry after a session, or answer a reflection prompt from
            your cohort’s home page.
          </p>
        </div>
      ) : (
        <ul className="board-list" aria-label="Entries">
          {entries.data.map((entry) => (
            <li key={entry.id} className="card board-list__item">
              <h2 className="board-list__title">
                <Link to={`/journal/${entry.id}`}>{entry.title || 'Untitled entry'}</Link>
              </h2>
              <p className="muted">
                {formatMoment(entry.createdAt, person.timezone)}
                {entry.promptId ? ' · answers a prompt' : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
