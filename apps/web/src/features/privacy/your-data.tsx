import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { request } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { Card } from '../../ui/card.tsx';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { useForgetSession } from '../accounts/hooks.ts';

/** Download everything of one's own, or delete the account (typing its email to confirm). */
export function YourData() {
  const person = useCurrentPerson();
  const navigate = useNavigate();
  const forget = useForgetSession();
  const feedback = useFormFeedback();
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === person.email.toLowerCase();
  const erase = useMutation({
    mutationFn: (confirm: string) => request<void>('DELETE', '/api/me', { confirm }),
    onSuccess: async () => {
      await forget();
      await navigate('/sign-in', { replace: true });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches || erase.isPending) return;
    feedback.clear();
    erase.mutate(typed, { onError: (error) => feedback.show(describeError(error, ['confirm'])) });
  }

  return (
    <Card className="your-data">
      <h2>Your data</h2>
      <p>
        Download everything you wrote in Colab and everything it holds about you: a zip with your
        profile, memberships, journal, board cards and comments, meeting answers, notifications and
        the files you uploaded.
      </p>
      <p>
        <a className="button button--quiet" href="/api/me/export" download>
          Download my data
        </a>
      </p>
      <h3>Delete my account</h3>
      <p>
        Your profile, journal and sign-in go for good. Cards and comments you wrote on shared boards
        stay for the others, shown as written by a former member. This cannot be undone.
      </p>
      <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
        <TextInput
          name="confirm"
          label={`Type ${person.email} to confirm`}
          autoComplete="off"
          value={typed}
          onChange={setTyped}
        />
        <div className="form__actions">
          <Button
            type="submit"
            className="button button--danger"
            isDisabled={!matches}
            isPending={erase.isPending}
          >
            Delete my account
          </Button>
        </div>
      </FeedbackForm>
    </Card>
  );
}
