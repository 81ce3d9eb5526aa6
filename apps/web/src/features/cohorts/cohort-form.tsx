import { formText } from '../../api/parse.ts';
import { CheckboxField } from '../../ui/checkbox-field.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextInput } from '../../ui/text-field.tsx';
import { DEFAULT_TIMEZONE, TimezoneField } from '../../ui/timezone-field.tsx';
import type { FieldErrors } from '../../ui/use-form-feedback.ts';
import type { Cohort } from './types.ts';

export const COHORT_FIELDS = [
  'name',
  'programme',
  'theme',
  'description',
  'startsOn',
  'endsOn',
  'timezone',
  'titlesAtTheDoor',
] as const;

export interface CohortValues {
  name: string;
  programme: string;
  theme: string;
  description: string;
  startsOn: string;
  endsOn: string;
  timezone: string;
  titlesAtTheDoor: boolean;
}

export const TITLES_AT_THE_DOOR_HINT =
  'Members see each other by name and what they choose to share, not by job title or organisation.';

/** The fields of a cohort, for creating one and for its settings. */
export function CohortFields({ cohort }: { cohort?: Cohort }) {
  return (
    <>
      <TextInput
        name="name"
        label="Name"
        description="For example: HCT Co-Lab, cohort 4"
        defaultValue={cohort?.name}
      />
      <div className="field-row">
        <TextInput
          name="programme"
          label="Programme (optional)"
          description="For example: HCT Co-Lab"
          defaultValue={cohort?.programme}
        />
        <TextInput
          name="theme"
          label="Theme (optional)"
          description="For example: Health inequalities"
          defaultValue={cohort?.theme}
        />
      </div>
      <TextAreaField
        name="description"
        label="Description (optional)"
        description="What the cohort is for, in a few sentences. Everyone in it will see this."
        defaultValue={cohort?.description}
        rows={4}
      />
      <div className="field-row">
        <TextInput name="startsOn" label="Start date" type="date" defaultValue={cohort?.startsOn} />
        <TextInput name="endsOn" label="End date" type="date" defaultValue={cohort?.endsOn} />
      </div>
      <TimezoneField
        name="timezone"
        description="Sessions and deadlines are shown in this timezone."
        defaultValue={cohort?.timezone ?? DEFAULT_TIMEZONE}
      />
      <CheckboxField
        name="titlesAtTheDoor"
        label="Leave titles at the door"
        description={TITLES_AT_THE_DOOR_HINT}
        defaultSelected={cohort?.titlesAtTheDoor ?? true}
      />
    </>
  );
}

export function readCohortForm(form: HTMLFormElement): CohortValues {
  const data = new FormData(form);
  return {
    name: formText(data, 'name'),
    programme: formText(data, 'programme'),
    theme: formText(data, 'theme'),
    description: formText(data, 'description'),
    startsOn: formText(data, 'startsOn'),
    endsOn: formText(data, 'endsOn'),
    timezone: formText(data, 'timezone') || DEFAULT_TIMEZONE,
    titlesAtTheDoor: data.get('titlesAtTheDoor') !== null,
  };
}

/** An empty date field says what is missing, rather than what a date looks like. */
export function withDateHints(values: CohortValues, fieldErrors: FieldErrors): FieldErrors {
  const errors = { ...fieldErrors };
  if (!values.startsOn.trim()) errors.startsOn = 'Enter the date the cohort starts';
  if (!values.endsOn.trim()) errors.endsOn = 'Enter the date the cohort ends';
  return errors;
}
