import type { CohortRole } from '@colab/shared';
import { useId } from 'react';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from './api.ts';

interface Props {
  name: string;
  label: string;
  roles: readonly CohortRole[];
  value?: CohortRole;
  defaultValue?: CohortRole;
  onChange?: (role: CohortRole) => void;
}

/** A choice of role, each with a line on what it means. */
export function RoleChoice({ name, label, roles, onChange, ...props }: Props) {
  const id = useId();
  return (
    <RadioGroup
      name={name}
      className="field radio-group"
      onChange={onChange ? (value) => onChange(value as CohortRole) : undefined}
      {...props}
    >
      <Label className="field__label">{label}</Label>
      <FieldError className="field__error" />
      {roles.map((role) => (
        // The hint sits outside the label, so the radio's name is just the role.
        <div key={role} className="radio-option">
          <Radio value={role} className="radio" aria-describedby={`${id}-${role}`}>
            <span className="radio__circle" aria-hidden="true" />
            <span className="radio__label">{ROLE_LABELS[role]}</span>
          </Radio>
          <p id={`${id}-${role}`} className="radio__hint">
            {ROLE_DESCRIPTIONS[role]}
          </p>
        </div>
      ))}
    </RadioGroup>
  );
}
