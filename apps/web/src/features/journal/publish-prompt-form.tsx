import { ZCreatePromptRequest } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { formText, parseWith } from '../../api/parse.ts';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import type { Cohort } from '../cohorts/types.ts';
import { journalKeys, journalPaths } from './api.ts';
import type { Prompt } from './types.ts';

const FIELDS = ['text', 'opensAt'] as const;

/** For facilitators and leads: a question for everyone to reflect on, now or from a moment. */
export function PublishPromptForm({ cohort }: { cohort: Cohort }) {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [done, setDone] = useState<string | null>(null);
  // A new key empties the fields after a prompt is published.
  const [formKey, setFormKey] = useState(0);
  const publish = useMutation({
    mutationFn: (body: { text: string; opensAt?: string }) =>
      apiPost<Prompt>(journalPaths.prompts(cohort.id), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journalKeys.prompts(cohort.id) }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (publish.isPending) return;
    const data = new FormData(event.currentTarget);
    const opensAt = formText(data, 'opensAt').trim();
    const input = { text: formText(data, 'text'), ...(opensAt ? { opensAt } : {}) };
    const parsed = parseWith(ZCreatePromptRequest, input);
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    setDone(null);
    publish.mutate(parsed.data, {
      onSuccess: (prompt) => {
        setFormKey((k) => k + 1);
        setDone(
          prompt.open
            ? 'Prompt published. Everyone in the cohort has been told.'
            : 'Prompt published. Members will see it when it opens.',
        );
      },
      onError: (error) => feedback.show(describeError(error, FIELDS)),
    });
  }

  return (
    <div className="publish-prompt">
      <h3 className="publish-prompt__title">Publish a prompt</h3>
      <FeedbackForm key={formKey} feedback={feedback} onSubmit={onSubmit}>
        <TextAreaField
          name="text"
          label="Prompt"
          description="A question for everyone to reflect on in their journal."
          rows={3}
        />
        <TextInput
          name="opensAt"
          label="Opens at (optional)"
          description="Leave empty to open it now. Otherwise a date and time with its offset, like 2027-03-09T14:00:00+00:00."
          inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
        />
        <div className="form__actions">
          <Button type="submit" className="button button--primary" isPending={publish.isPending}>
            Publish prompt
          </Button>
        </div>
      </FeedbackForm>
      <p role="status" className="status-line">
        {done}
      </p>
    </div>
  );
}
