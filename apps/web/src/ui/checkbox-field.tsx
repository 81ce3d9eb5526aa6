import { type ReactNode, useId } from 'react';
import { Checkbox } from 'react-aria-components';

interface Props {
  name: string;
  label: string;
  /** One line under the label saying what ticking it does; read out as its description. */
  description?: ReactNode;
  defaultSelected?: boolean;
}

/** A labelled checkbox, submitted with its form as `name=on` when ticked. */
export function CheckboxField({ name, label, description, defaultSelected }: Props) {
  const hintId = useId();
  return (
    <div className="checkbox-field">
      <Checkbox
        className="checkbox"
        name={name}
        defaultSelected={defaultSelected}
        aria-describedby={description ? hintId : undefined}
      >
        <span className="checkbox__box">
          <svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" focusable="false">
            <polyline points="3.5 9.5 7.5 13 14.5 5" fill="none" strokeWidth="2.5" />
          </svg>
        </span>
        <span className="checkbox__label">{label}</span>
      </Checkbox>
      {description ? (
        <p id={hintId} className="checkbox-field__hint">
          {description}
        </p>
      ) : null}
    </div>
  );
}
