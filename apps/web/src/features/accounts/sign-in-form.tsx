import { type FormEvent, useEffect } from 'react';
import { Button } from 'react-aria-components';
import { FeedbackForm } from '../../ui/feedback-form.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { useFormFeedback } from '../../ui/use-form-feedback.ts';
import { describeAuthError } from './auth-errors.ts';
import { type SessionOptions, useSignIn } from './hooks.ts';

const FIELDS = ['email', 'password'] as const;

// Loaded when the person first reaches into the form (see validation.ts), so a visit that
// only looks stays small; awaited on submit.
const loadValidation = () => import('./validation.ts');

interface Props extends SessionOptions {
  /** Filled in to start with (from an invitation, say); the person can change it. */
  defaultEmail?: string;
}

export function SignInForm({ defaultEmail, onSignedIn }: Props = {}) {
  const signIn = useSignIn({ onSignedIn });
  const feedback = useFormFeedback();

  useEffect(() => {
    const form = feedback.formRef.current;
    if (!form) return;
    const preload = () => {
      loadValidation().catch(() => {
        // Tried again on submit, where a failure is shown.
      });
    };
    form.addEventListener('focusin', preload, { once: true });
    form.addEventListener('pointerdown', preload, { once: true });
    return () => {
      form.removeEventListener('focusin', preload);
      form.removeEventListener('pointerdown', preload);
    };
  }, [feedback.formRef]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const form = event.currentTarget;
    let parsed: ReturnType<Awaited<ReturnType<typeof loadValidation>>['parseSignIn']>;
    try {
      parsed = (await loadValidation()).parseSignIn(form);
    } catch {
      return feedback.show({
        message: 'We could not reach Colab. Check your connection and try again.',
      });
    }
    if (!parsed.success) return feedback.show({ fieldErrors: parsed.fieldErrors });
    feedback.clear();
    signIn.mutate(parsed.data, {
      onError: (error) => feedback.show(describeAuthError(error, FIELDS)),
    });
  }

  return (
    <FeedbackForm feedback={feedback} onSubmit={onSubmit}>
      <TextInput
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        defaultValue={defaultEmail}
        inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
      />
      <TextInput name="password" label="Password" type="password" autoComplete="current-password" />
      <Button type="submit" className="button button--primary" isPending={signIn.isPending}>
        Sign in
      </Button>
    </FeedbackForm>
  );
}
