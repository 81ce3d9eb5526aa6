import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { apiDelete, apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { ModalDialog } from '../../ui/dialog.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { FormAlert } from '../../ui/form-alert.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { useCohortList } from '../cohorts/api.ts';
import { formatMoment } from '../cohorts/dates.ts';
import { journalKeys, journalPaths } from './api.ts';
import type { JournalEntry } from './types.ts';

/** Shares a read-only copy of the entry with one of the person's cohorts, or takes it back. */
export function ShareButton({ entry }: { entry: JournalEntry }) {
  return (
    <DialogTrigger>
      <Button className="button button--quiet">Share</Button>
      <ModalDialog title="Share this entry">
        {(close) => (
          <>
            <div className="dialog__body">
              <p>
                Sharing puts a read-only copy of this entry, as it is now, in a cohort’s
                Reflections, where its members can read it. Your journal stays yours: nobody can
                open or change the entry itself.
              </p>
              <p>
                The copy is a snapshot. Changes you make later do not appear until you share with
                that cohort again, which refreshes the copy.
              </p>
            </div>
            <ShareForm entry={entry} />
            <CurrentShares entry={entry} />
            <div className="dialog__actions">
              <Button className="button button--quiet" onPress={close}>
                Done
              </Button>
            </div>
          </>
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}

function useRefreshEntry(entryId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: journalKeys.entry(entryId) }),
      queryClient.invalidateQueries({ queryKey: journalKeys.list, exact: true }),
    ]);
}

function ShareForm({ entry }: { entry: JournalEntry }) {
  const cohorts = useCohortList();
  const feedback = useFormFeedback();
  const refresh = useRefreshEntry(entry.id);
  const [done, setDone] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: (cohortId: string) => apiPost(journalPaths.shares(entry.id), { cohortId }),
    onSuccess: () => refresh(),
  });

  if (cohorts.isPending) return <p className="muted">Loading your cohorts…</p>;
  if (cohorts.error) {
    return (
      <p className="form-alert" role="alert">
        Your cohorts could not be loaded. Close this and try again.
      </p>
    );
  }
  // Sponsors follow a cohort but do not share reflections in it; archived cohorts are closed.
  const options = cohorts.data.cohorts
    .filter((c) => !c.archived && c.myRole !== 'sponsor')
    .map((c) => ({ id: c.id, label: c.name }));
  if (options.length === 0) {
    return (
      <p className="quiet-box">
        You are not in a cohort you can share with yet. Once you join one, you can share entries
        with it here.
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cohortId = String(new FormData(event.currentTarget).get('cohortId') ?? '');
    if (!cohortId) return feedback.show({ fieldErrors: { cohortId: 'Choose a cohort' } });
    feedback.clear();
    setDone(null);
    const name = options.find((o) => o.id === cohortId)?.label ?? 'the cohort';
    const again = entry.shares.some((s) => s.cohortId === cohortId);
    share.mutate(cohortId, {
      onSuccess: () =>
        setDone(again ? `The copy in ${name} is up to date.` : `Shared a copy with ${name}.`),
      onError: (error) => feedback.show(describeError(error, ['cohortId'])),
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <SelectField
        name="cohortId"
        label="Cohort"
        options={options}
        defaultValue={options.length === 1 ? options[0]!.id : undefined}
      />
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={share.isPending}>
          Share a copy
        </Button>
      </div>
      <p role="status" className="status-line">
        {done}
      </p>
    </FeedbackForm>
  );
}

function CurrentShares({ entry }: { entry: JournalEntry }) {
  const { timezone } = useCurrentPerson();
  const refresh = useRefreshEntry(entry.id);
  const [error, setError] = useState<string | null>(null);
  const unshare = useMutation({
    mutationFn: (cohortId: string) => apiDelete(journalPaths.share(entry.id, cohortId)),
    onSuccess: () => refresh(),
  });

  return (
    <section className="share-list" aria-labelledby="shared-with">
      <h3 id="shared-with" className="share-list__title">
        Shared with
      </h3>
      <FormAlert message={error} />
      {entry.shares.length === 0 ? (
        <p className="muted">Nobody yet: this entry is private.</p>
      ) : (
        <ul className="share-list__items">
          {entry.shares.map((share) => (
            <li key={share.cohortId} className="share-list__item">
              <span>
                {share.cohortName}{' '}
                <span className="muted">(copy from {formatMoment(share.sharedAt, timezone)})</span>
              </span>
              <Button
                className="button button--quiet button--small"
                aria-label={`Stop sharing with ${share.cohortName}`}
                isPending={unshare.isPending && unshare.variables === share.cohortId}
                onPress={() => {
                  setError(null);
                  unshare.mutate(share.cohortId, {
                    onError: (caught) => setError(describeError(caught).message ?? null),
                  });
                }}
              >
                Stop sharing
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
