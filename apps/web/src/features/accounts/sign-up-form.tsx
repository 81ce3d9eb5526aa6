import { PASSWORD_MIN_LENGTH } from '@colab/shared';
import type { FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { describeAuthError } from './auth-errors.ts';
import { type SessionOptions, useSignUp } from './hooks.ts';
import { parseSignUp } from './validation.ts';

const FIELDS = ['name', 'email', 'password'] as const;

interface Props extends SessionOptions {
  defaultName?: string;
  /** An email the account must use (the one an invitation went to): shown, not editable. */
  fixedEmail?: string;
}

export function SignUpForm({ defaultName, fixedEmail, onSignedIn }: Props = {}) {
  const signUp = useSignUp({ onSignedIn });
  const feedback = useFormFeedback();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signUp.isPending) return;
    const parsed = parseSignUp(event.currentTarget);
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    signUp.mutate(parsed.data, {
      onError: (error) => feedback.show(describeAuthError(error, FIELDS)),
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <TextInput name="name" label="Name" autoComplete="name" defaultValue={defaultName} />
      <TextInput
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        defaultValue={fixedEmail}
        isReadOnly={fixedEmail !== undefined}
        description={
          fixedEmail !== undefined ? 'The address your invitation was sent to' : undefined
        }
        inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
      />
      <TextInput
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        description={`At least ${PASSWORD_MIN_LENGTH} characters`}
      />
      <Button type="submit" className="button button--primary" isPending={signUp.isPending}>
        Create account
      </Button>
    </FeedbackForm>
  );
}
