import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/form-errors.ts';
import { useSharedDoc } from '../collab/use-shared-doc.ts';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { ConnectionBadge } from '../features/boards/presence-bar.tsx';
import { useCohortList } from '../features/cohorts/api.ts';
import { formatMoment } from '../features/cohorts/dates.ts';
import {
  type JournalEntryDetails,
  journalActions,
  journalKeys,
  useJournalEntry,
} from '../features/journal/api.ts';
import { JournalEditor } from '../features/journal/journal-editor.tsx';
import { ConfirmButton, ModalDialog } from '../ui/dialog.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';

export function JournalEntryPage() {
  const { entryId = '' } = useParams();
  const entry = useJournalEntry(entryId);

  if (entry.isPending) return <LoadingScreen />;
  if (entry.error) {
    if (entry.error instanceof ApiError && entry.error.status === 404) {
      return (
        <Page title="Entry not found" width="narrow">
          <p>
            This entry does not exist or is not yours. Journal entries are private to their writer.
          </p>
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
  return <Entry entry={entry.data} />;
}

function Entry({ entry }: { entry: JournalEntryDetails }) {
  const person = useCurrentPerson();
  const shared = useSharedDoc(person.id, entry.docName);
  const navigate = useNavigate();
  return (
    <Page title={entry.title || 'Untitled entry'} width="narrow">
      <p className="muted">
        Started {formatMoment(entry.createdAt, person.timezone)} · only you can read this{' '}
        {shared ? <ConnectionBadge connection={shared.connection} /> : null}
      </p>
      {entry.prompt ? (
        <blockquote className="comment-card">
          <span className="muted">Answering: </span>
          {entry.prompt.text}
        </blockquote>
      ) : null}
      {shared ? <JournalEditor doc={shared.doc} editable={shared.connection !== 'closed'} /> : null}
      <div className="form__actions">
        <ShareButton entry={entry} />
        <ConfirmButton
          trigger="Delete entry"
          title="Delete this entry?"
          confirmLabel="Delete entry"
          onConfirm={async () => {
            await journalActions.delete(entry.id);
            navigate('/journal');
          }}
        >
          <p>It is gone for good, with any copies you shared.</p>
        </ConfirmButton>
      </div>
    </Page>
  );
}

function ShareButton({ entry }: { entry: JournalEntryDetails }) {
  return (
    <DialogTrigger>
      <Button className="button button--quiet">Share…</Button>
      <ModalDialog title="Share this entry">
        {(close) => <ShareForm entry={entry} close={close} />}
      </ModalDialog>
    </DialogTrigger>
  );
}

function ShareForm({ entry, close }: { entry: JournalEntryDetails; close: () => void }) {
  const cohorts = useCohortList();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const sharedWith = new Set(entry.shares.map((s) => s.cohortId));

  const run = async (cohortId: string, action: () => Promise<unknown>) => {
    setPending(cohortId);
    setError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: journalKeys.one(entry.id) });
    } catch (caught) {
      setError(describeError(caught).message ?? 'That did not work. Try again.');
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="dialog__body">
      <p>
        Sharing puts a read-only copy of this entry in a cohort, where its members can read it. The
        copy is a snapshot: share again to refresh it after you change the entry.
      </p>
      {cohorts.isPending ? (
        <p className="muted">Loading your cohorts…</p>
      ) : (cohorts.data?.cohorts ?? []).length === 0 ? (
        <p className="muted">You are not in a cohort yet, so there is nowhere to share it.</p>
      ) : (
        <ul className="share-list">
          {(cohorts.data?.cohorts ?? []).map((cohort) => (
            <li key={cohort.id} className="share-list__item">
              <span>{cohort.name}</span>
              {sharedWith.has(cohort.id) ? (
                <span className="share-list__actions">
                  <Button
                    className="button button--quiet button--small"
                    isPending={pending === cohort.id}
                    onPress={() => run(cohort.id, () => journalActions.share(entry.id, cohort.id))}
                  >
                    Refresh copy
                  </Button>
                  <Button
                    className="button button--quiet button--small"
                    isPending={pending === cohort.id}
                    onPress={() =>
                      run(cohort.id, () => journalActions.unshare(entry.id, cohort.id))
                    }
                  >
                    Stop sharing
                  </Button>
                </span>
              ) : (
                <Button
                  className="button button--primary button--small"
                  isPending={pending === cohort.id}
                  aria-label={`Share with ${cohort.name}`}
                  onPress={() => run(cohort.id, () => journalActions.share(entry.id, cohort.id))}
                >
                  Share
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div role="alert" className="form-alert-region">
        {error ? <p className="form-alert">{error}</p> : null}
      </div>
      <div className="dialog__actions">
        <Button className="button button--quiet" onPress={close}>
          Done
        </Button>
      </div>
    </div>
  );
}
