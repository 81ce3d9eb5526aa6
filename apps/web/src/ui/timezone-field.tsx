import type { ReactNode } from 'react';
import { SelectField, type SelectOption } from './select-field.tsx';

export const DEFAULT_TIMEZONE = 'Europe/London';

let cached: SelectOption[] | undefined;

/** Every timezone the browser knows, named as people read them (“America/New York”). */
export function timezoneOptions(): SelectOption[] {
  if (!cached) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      // An older browser: offer the default, and whatever the field already holds.
    }
    if (!zones.includes(DEFAULT_TIMEZONE)) zones = [DEFAULT_TIMEZONE, ...zones];
    cached = zones.map((zone) => ({ id: zone, label: zone.replaceAll('_', ' ') }));
  }
  return cached;
}

interface Props {
  name: string;
  label?: string;
  description?: ReactNode;
  defaultValue?: string;
}

/** A choice of timezone; the value the field starts with is always among the options. */
export function TimezoneField({ name, label = 'Timezone', description, defaultValue }: Props) {
  const value = defaultValue || DEFAULT_TIMEZONE;
  const options = timezoneOptions();
  const withValue = options.some((o) => o.id === value)
    ? options
    : [{ id: value, label: value.replaceAll('_', ' ') }, ...options];
  return (
    <SelectField
      name={name}
      label={label}
      description={description}
      options={withValue}
      defaultValue={value}
    />
  );
}
