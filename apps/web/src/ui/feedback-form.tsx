import type { FormEvent, ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { FormAlert } from './form-alert.tsx';
import type { useFormFeedback } from './use-form-feedback.ts';

interface Props {
  feedback: ReturnType<typeof useFormFeedback>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/**
 * A form that shows what went wrong the way every Colab form does: each field's message under
 * it (React Aria), one alert above for the rest, and focus on the first field in error.
 */
export function FeedbackForm({ feedback, onSubmit, children }: Props) {
  return (
    <Form
      ref={feedback.formRef}
      className="form"
      validationBehavior="aria"
      validationErrors={feedback.fieldErrors}
      onSubmit={onSubmit}
    >
      <FormAlert message={feedback.message} />
      {children}
    </Form>
  );
}
