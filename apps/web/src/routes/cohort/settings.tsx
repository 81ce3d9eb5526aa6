import { type TCohortRetention, ZCohortRetention, ZUpdateCohortRequest } from '@colab/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiGet, apiPatch, apiPut } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { formText, parseWith } from '../../api/parse.ts';
import { cohortKeys, cohortPaths, may } from '../../features/cohorts/api.ts';
import {
  COHORT_FIELDS,
  CohortFields,
  type CohortValues,
  readCohortForm,
  withDateHints,
} from '../../features/cohorts/cohort-form.tsx';
import { formatDay } from '../../features/cohorts/dates.ts';
import { NotAllowed } from '../../features/cohorts/not-allowed.tsx';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { Cohort } from '../../features/cohorts/types.ts';
import { ConfirmButton } from '../../ui/dialog.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { Page } from '../../ui/page.tsx';
import { SaveActions } from '../../ui/save-actions.tsx';
import { TextInput } from '../../ui/text-field.tsx';
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
      {canArchive ? <Retention cohort={cohort} /> : null}
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
        <SaveActions label="Save changes" pending={save.isPending} saved={saved} />
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

const RETENTION_FIELDS = ['archiveAfterMonths', 'deleteAfterMonths'] as const;

/** Months after the cohort's end at which it is archived, then deleted; blank keeps it. */
function Retention({ cohort }: { cohort: Cohort }) {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [saved, setSaved] = useState<string | null>(null);
  const path = `${cohortPaths.one(cohort.id)}/retention`;
  const key = [...cohortKeys.one(cohort.id), 'retention'];
  const query = useQuery({ queryKey: key, queryFn: () => apiGet<TCohortRetention>(path) });
  const save = useMutation({
    mutationFn: (input: TCohortRetention) => apiPut<TCohortRetention>(path, input),
    onSuccess: async (updated) => {
      queryClient.setQueryData(key, updated);
      await queryClient.invalidateQueries({ queryKey: cohortKeys.audit(cohort.id) });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(null);
    const data = new FormData(event.currentTarget);
    const months = (field: string) => {
      const value = formText(data, field).trim();
      return value === '' ? null : Number(value);
    };
    const parsed = parseWith(
      ZCohortRetention,
      Object.fromEntries(RETENTION_FIELDS.map((f) => [f, months(f)])),
    );
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    save.mutate(parsed.data, {
      onSuccess: () => setSaved('Retention is saved.'),
      onError: (error) => feedback.show(describeError(error, RETENTION_FIELDS)),
    });
  }

  if (!query.data) return null;
  return (
    <section className="card section" aria-labelledby="cohort-retention">
      <h2 id="cohort-retention" className="section__title">
        How long the cohort is kept
      </h2>
      <p>
        Counted in months from the cohort’s end date ({formatDay(cohort.endsOn)}). Leave a box empty
        to keep the cohort as it is. Deleting removes the cohort and everything in it for good:
        boards, group pages and uploaded files. Members’ own journals stay theirs.
      </p>
      <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
        <TextInput
          name="archiveAfterMonths"
          label="Archive after (months)"
          inputProps={{ inputMode: 'numeric' }}
          defaultValue={query.data.archiveAfterMonths?.toString() ?? ''}
        />
        <TextInput
          name="deleteAfterMonths"
          label="Delete after (months)"
          description="More months than it is archived after"
          inputProps={{ inputMode: 'numeric' }}
          defaultValue={query.data.deleteAfterMonths?.toString() ?? ''}
        />
        <SaveActions label="Save retention" pending={save.isPending} saved={saved} />
      </FeedbackForm>
    </section>
  );
}
