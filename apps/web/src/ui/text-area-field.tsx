import type { ReactNode } from 'react';
import {
  FieldError,
  Label,
  Text,
  TextArea,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';

interface Props extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  name: string;
  description?: ReactNode;
  rows?: number;
  /** Attributes for the textarea element (spellCheck, placeholder…). */
  textAreaProps?: { spellCheck?: boolean; placeholder?: string; autoCapitalize?: string };
}

/** A labelled multi-line text field; errors show under the label, as with TextInput. */
export function TextAreaField({ label, description, rows = 4, textAreaProps, ...props }: Props) {
  return (
    <TextField className="field" {...props}>
      <Label className="field__label">{label}</Label>
      {description ? (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error" />
      <TextArea className="field__input field__input--multiline" rows={rows} {...textAreaProps} />
    </TextField>
  );
}
