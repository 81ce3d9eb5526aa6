import { useEffect, useRef, useState } from 'react';

export type FieldErrors = Record<string, string>;

export interface Feedback {
  fieldErrors?: FieldErrors;
  message?: string | null;
}

/**
 * The errors a form shows after a submit: per-field messages for react-aria's
 * `<Form validationErrors>`, and one message for the form's alert region. After each
 * submit that fails, focus moves to the first field in error.
 */
export function useFormFeedback() {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  return {
    formRef,
    fieldErrors,
    message,
    show(feedback: Feedback) {
      // A new object each time, so react-aria shows a repeated server error again.
      setFieldErrors({ ...feedback.fieldErrors });
      setMessage(feedback.message ?? null);
      setFailures((n) => n + 1);
    },
    clear() {
      setFieldErrors({});
      setMessage(null);
    },
  };
}
