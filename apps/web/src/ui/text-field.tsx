import type { ReactNode } from 'react';
import {
  FieldError,
  Input,
  type InputProps,
  Label,
  Text,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';

interface Props extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  name: string;
  /** A hint shown under the label and read out with the field. */
  description?: ReactNode;
  autoComplete?: string;
  /** Attributes for the input element itself (spellCheck, autoCapitalize…). */
  inputProps?: Omit<InputProps, 'className'>;
}

/** A labelled text input whose error (client or server) shows under its label. */
export function TextInput({ label, description, inputProps, ...props }: Props) {
  return (
    <TextField className="field" {...props}>
      <Label className="field__label">{label}</Label>
      {description ? (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error" />
      <Input className="field__input" {...inputProps} />
    </TextField>
  );
}
