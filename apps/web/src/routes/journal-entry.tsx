import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiDelete } from '../api/client.ts';
import { clearOfflineCopy } from '../collab/offline-copies.ts';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { formatMoment } from '../features/cohorts/dates.ts';
import { entryTitle, journalKeys, journalPaths, useJournalEntry } from '../features/journal/api.ts';
import { EntryTitle } from '../features/journal/entry-title.tsx';
import { EntryWorkspace } from '../features/journal/entry-workspace.tsx';
import { ShareButton } from '../features/journal/share-dialog.tsx';
import type { JournalEntry } from '../features/journal/types.ts';
import { ConfirmButton } from '../ui/dialog.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';

export function JournalEntryPage() {
  const { entryId = '' } = useParams();
  const entry = useJournalEntry(entryId);

  if (entry.isPending) return <LoadingScreen />;
  if (entry.error) {
    // Someone else's entry answers 404 too, whoever is asking: that is the privacy rule.
    if (entry.error instanceof ApiError && entry.error.status === 404) {
      return (
        <Page title="Entry not found" width="narrow">
          <p>This entry does not exist or is not yours.</p>
          <p>
            <Link to="/journal">Go to your journal</Link>
          </p>
        </Page>
      );
    }
    return (
      <ErrorScreen
        message="This entry could not be loaded. Check your connection, then try again."
        onRetry={() => void entry.refetch()}
      />
    );
  }
  return <EntryPage entry={entry.data} />;
}

function EntryPage({ entry }: { entry: JournalEntry }) {
  const { timezone, id: personId } = useCurrentPerson();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return (
    <Page
      title="Journal entry"
      documentTitle={entryTitle(entry)}
      section
      lead={`Started ${formatMoment(entry.createdAt, timezone)}. Only you can read this.`}
    >
      <p className="back-link">
        <Link to="/journal">Your journal</Link>
      </p>
      <EntryTitle entry={entry} />
      {entry.prompt ? (
        <figure className="entry-prompt">
          <figcaption className="entry-prompt__label">Prompt</figcaption>
          <blockquote className="entry-prompt__text">{entry.prompt.text}</blockquote>
        </figure>
      ) : null}
      <EntryWorkspace entry={entry} />
      <div className="entry-actions">
        <ShareButton entry={entry} />
        <ConfirmButton
          trigger="Delete entry"
          triggerClassName="button button--quiet"
          title="Delete this entry?"
          confirmLabel="Delete entry"
          onConfirm={async () => {
            await apiDelete(journalPaths.entry(entry.id));
            queryClient.removeQueries({ queryKey: journalKeys.entry(entry.id) });
            await queryClient.invalidateQueries({ queryKey: journalKeys.list, exact: true });
            navigate('/journal');
            // The text is gone from the server; it must not stay readable in this browser.
            void clearOfflineCopy(personId, entry.docName);
          }}
        >
          <p>
            The entry and everything written in it will be gone for good
            {entry.shares.length > 0 ? ', and so will the copies you shared' : ''}. This cannot be
            undone.
          </p>
        </ConfirmButton>
      </div>
    </Page>
  );
}
