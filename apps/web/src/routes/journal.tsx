import { Button } from 'react-aria-components';
import { describeError } from '../api/form-errors.ts';
import { useJournalEntries, useStartEntry } from '../features/journal/api.ts';
import { EntryList, NoEntries } from '../features/journal/entry-list.tsx';
import { FormAlert } from '../ui/form-alert.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';

export function JournalPage() {
  const entries = useJournalEntries();
  const start = useStartEntry();

  return (
    <Page title="Your journal" lead="Private notes between sessions. Only you can read them.">
      {/* The alert sits with the button, so a failed start is read out where it happened. */}
      <div className="page-actions stack">
        <Button
          className="button button--primary"
          isPending={start.isPending}
          onPress={() => start.mutate({})}
        >
          New entry
        </Button>
        <FormAlert message={start.isError ? (describeError(start.error).message ?? null) : null} />
      </div>
      {entries.isPending ? (
        <LoadingScreen />
      ) : entries.error ? (
        <ErrorScreen
          title="Your journal could not be loaded"
          message="Check your connection, then try again."
          onRetry={() => void entries.refetch()}
          headingLevel={2}
        />
      ) : entries.data.length === 0 ? (
        <NoEntries />
      ) : (
        <EntryList entries={entries.data} />
      )}
    </Page>
  );
}
