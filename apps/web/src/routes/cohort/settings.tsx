import { ZUpdateCohortRequest } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { apiPatch } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { parseWith } from '../../api/parse.ts';
import { cohortKeys, cohortPaths, may } from '../../features/cohorts/api.ts';
import {
  COHORT_FIELDS,
  CohortFields,
  type CohortValues,
  readCohortForm,
  withDateHints,
} from '../../features/cohorts/cohort-form.tsx';
import { NotAllowed } from '../../features/cohorts/not-allowed.tsx';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { Cohort } from '../../features/cohorts/types.ts';
import { ConfirmButton } from '../../ui/dialog.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { Page } from '../../ui/page.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';

export function SettingsPage() {
  const cohort = useCohortSpace();
  const canEdit = may(cohort, 'cohort.edit');
  const canArchive = may(cohort, 'cohort.archive');
  if (!canEdit && !canArchive) return <NotAllowed cohort={cohort} title="Settings" />;

  return (
    <Page title="Settings" documentTitle={`Settings – ${cohort.name}`} section>
      {canEdit ? <EditCohort cohort={cohort} /> : null}
      {canArchive ? <Archive cohort={cohort} /> : null}
    </Page>
  );
}

/** Only what changed is sent, so the activity log says what changed. */
function changedFields(cohort: Cohort, values: CohortValues): Partial<CohortValues> {
  const changes: Partial<CohortValues> = {};
  for (const field of COHORT_FIELDS) {
    const before = cohort[field];
    const after = values[field];
    if (typeof after === 'string' ? after.trim() !== String(before) : after !== before) {
      (changes as Record<string, unknown>)[field] = after;
    }
  }
  return changes;
}

function EditCohort({ cohort }: { cohort: Cohort }) {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (changes: unknown) => apiPatch<Cohort>(cohortPaths.one(cohort.id), changes),
    onSuccess: async (updated) => {
      queryClient.setQueryData(cohortKeys.one(cohort.id), updated);
      await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
      await queryClient.invalidateQueries({ queryKey: cohortKeys.audit(cohort.id) });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(null);
    const values = readCohortForm(event.currentTarget);
    const parsed = parseWith(ZUpdateCohortRequest, values);
    if (!parsed.success) {
      return feedback.show({ fieldErrors: withDateHints(values, parsed.fieldErrors) });
    }
    feedback.clear();
    const changes = changedFields(cohort, values);
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing has changed, so there was nothing to save.');
      return;
    }
    save.mutate(changes, {
      onSuccess: () => setSaved('Your changes are saved.'),
      onError: (error) => feedback.show(describeError(error, COHORT_FIELDS)),
    });
  }

  return (
    <section className="card section" aria-labelledby="edit-cohort">
      <h2 id="edit-cohort" className="section__title">
        About the cohort
      </h2>
      <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
        <CohortFields cohort={cohort} />
        <div className="form__actions">
          <Button type="submit" className="button button--primary" isPending={save.isPending}>
            Save changes
          </Button>
          <p role="status" className="status-line">
            {saved}
          </p>
        </div>
      </FeedbackForm>
    </section>
  );
}

function Archive({ cohort }: { cohort: Cohort }) {
  const queryClient = useQueryClient();
  const setArchived = async (archived: boolean) => {
    const updated = await apiPatch<Cohort>(cohortPaths.one(cohort.id), { archived });
    queryClient.setQueryData(cohortKeys.one(cohort.id), updated);
    await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
    await queryClient.invalidateQueries({ queryKey: cohortKeys.audit(cohort.id) });
  };

  return (
    <section className="card section" aria-labelledby="archive-cohort">
      <h2 id="archive-cohort" className="section__title">
        {cohort.archived ? 'Unarchive the cohort' : 'Archive the cohort'}
      </h2>
      {cohort.archived ? (
        <>
          <p>
            This cohort is archived: everyone can look back at it, but nothing can be added or
            changed. Unarchive it to open it again.
          </p>
          <ConfirmButton
            trigger="Unarchive cohort"
            triggerClassName="button button--quiet"
            title={`Unarchive ${cohort.name}?`}
            confirmLabel="Unarchive"
            tone="primary"
            onConfirm={() => setArchived(false)}
          >
            <p>Members will be able to add and change things in it again.</p>
          </ConfirmButton>
        </>
      ) : (
        <>
          <p>
            When the programme has finished, archive the cohort. Members keep read-only access to
            everything in it; nothing can be added or changed. You can unarchive it later.
          </p>
          <ConfirmButton
            trigger="Archive cohort"
            triggerClassName="button button--quiet"
            title={`Archive ${cohort.name}?`}
            confirmLabel="Archive"
            onConfirm={() => setArchived(true)}
          >
            <p>
              Everyone in it will only be able to look back: no new invitations, boards, notes or
              changes. You can unarchive it later.
            </p>
          </ConfirmButton>
        </>
      )}
    </section>
  );
}
