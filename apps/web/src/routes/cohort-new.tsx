import { ZCreateCohortRequest } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { apiPost } from '../api/client.ts';
import { describeError } from '../api/form-errors.ts';
import { parseWith } from '../api/parse.ts';
import { cohortKeys, useCohortList } from '../features/cohorts/api.ts';
import {
  COHORT_FIELDS,
  CohortFields,
  readCohortForm,
  withDateHints,
} from '../features/cohorts/cohort-form.tsx';
import type { Cohort } from '../features/cohorts/types.ts';
import { Card } from '../ui/card.tsx';
import { FeedbackForm } from '../ui/feedback-form.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';
import { useFormFeedback } from '../ui/use-form-feedback.ts';

export function NewCohortPage() {
  const list = useCohortList();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const feedback = useFormFeedback();
  const create = useMutation({
    mutationFn: (input: unknown) => apiPost<Cohort>('/api/cohorts', input),
    onSuccess: async (cohort) => {
      queryClient.setQueryData(cohortKeys.one(cohort.id), cohort);
      await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
      navigate(`/cohorts/${cohort.id}/invitations`, { state: { created: true } });
    },
  });

  if (list.isPending) return <LoadingScreen />;
  if (list.error) {
    return (
      <ErrorScreen
        message="We could not check whether you can create cohorts. Check your connection, then try again."
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (!list.data.canCreate) {
    return (
      <Page title="Create a cohort" width="narrow">
        <p>
          Only the person who looks after this Colab, or a programme lead, can create cohorts. If
          you need one, ask them.
        </p>
        <p>
          <Link to="/">Back to your cohorts</Link>
        </p>
      </Page>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const values = readCohortForm(event.currentTarget);
    const parsed = parseWith(ZCreateCohortRequest, values);
    if (!parsed.success) {
      return feedback.show({ fieldErrors: withDateHints(values, parsed.fieldErrors) });
    }
    feedback.clear();
    create.mutate(parsed.data, {
      onError: (error) => feedback.show(describeError(error, COHORT_FIELDS)),
    });
  }

  return (
    <Page
      title="Create a cohort"
      width="narrow"
      lead="You will lead it. Next, you can invite its facilitators and participants."
    >
      <Card>
        <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
          <CohortFields />
          <div className="form__actions">
            <Button type="submit" className="button button--primary" isPending={create.isPending}>
              Create cohort
            </Button>
            <Link to="/" className="button button--quiet">
              Cancel
            </Link>
          </div>
        </FeedbackForm>
      </Card>
    </Page>
  );
}
