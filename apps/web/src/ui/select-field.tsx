import type { ReactNode } from 'react';
import {
  Button,
  FieldError,
  type Key,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';

export interface SelectOption {
  id: string;
  label: string;
}

interface Props {
  label: string;
  name: string;
  options: readonly SelectOption[];
  description?: ReactNode;
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  isRequired?: boolean;
  isDisabled?: boolean;
}

/**
 * A labelled choice from a list (React Aria's Select): keyboard and screen-reader friendly,
 * with type-ahead, and submitted with its form under `name`.
 */
export function SelectField({ label, description, options, onChange, ...props }: Props) {
  return (
    <Select
      className="field"
      {...props}
      onChange={onChange ? (key: Key | null) => key !== null && onChange(String(key)) : undefined}
    >
      <Label className="field__label">{label}</Label>
      {description ? (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error" />
      <Button className="field__input select-button">
        <SelectValue className="select-button__value" />
        <ChevronDown />
      </Button>
      <Popover className="popover" offset={4}>
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox__item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

function ChevronDown() {
  return (
    <svg
      className="select-button__chevron"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M4 6l4 4 4-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
