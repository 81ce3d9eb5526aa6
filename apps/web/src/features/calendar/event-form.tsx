import { EVENT_KINDS } from '@colab/shared';
import { type FormEvent, type ReactElement, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { useEventChanges } from './api.ts';

const FIELDS = [
  'title',
  'kind',
  'startsAt',
  'durationMinutes',
  'timezone',
  'location',
  'videoUrl',
  'description',
];
const KIND_OPTIONS: Record<(typeof EVENT_KINDS)[number], string> = {
  masterclass: 'Masterclass',
  celebration: 'Celebration event',
  other: 'Something else',
};

/** Facilitators and leads put cohort events on the calendar. */
export function EventForm({ cohortId }: { cohortId: string }) {
  const { timezone } = useCurrentPerson();
  const { create } = useEventChanges(cohortId);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    setProblems({});
    setMessage(null);
    create.mutate(
      {
        title: text('title'),
        kind: text('kind'),
        startsAt: text('startsAt'),
        durationMinutes: Number(text('durationMinutes')),
        timezone: text('timezone'),
        location: text('location'),
        videoUrl: text('videoUrl'),
        description: text('description'),
      },
      {
        onSuccess: (created) => {
          form.reset();
          setMessage(`${created.title} is on the calendar.`);
        },
        onError: (error) => {
          const described = describeError(error, FIELDS);
          setProblems(described.fieldErrors ?? {});
          setMessage(described.message ?? null);
        },
      },
    );
  }

  const field = (
    name: string,
    label: string,
    input: (props: Record<string, unknown>) => ReactElement,
  ) => (
    <div className="field">
      <label className="field__label" htmlFor={`event-${name}`}>
        {label}
      </label>
      {input({
        id: `event-${name}`,
        className: 'field__input',
        name,
        ...(problems[name]
          ? { 'aria-invalid': true, 'aria-describedby': `event-${name}-error` }
          : {}),
      })}
      {problems[name] ? (
        <span className="field__error" id={`event-${name}-error`}>
          {problems[name]}
        </span>
      ) : null}
    </div>
  );

  return (
    <form className="form card" aria-label="Add an event" onSubmit={onSubmit} noValidate>
      <h2 className="section__title">Add an event</h2>
      <div className="form-row">
        {field('title', 'Title', (p) => (
          <input {...p} maxLength={120} />
        ))}
        {field('kind', 'Kind', (p) => (
          <select {...p} defaultValue="masterclass">
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_OPTIONS[k]}
              </option>
            ))}
          </select>
        ))}
      </div>
      <div className="form-row">
        {field('startsAt', 'Starts', (p) => (
          <input {...p} type="datetime-local" />
        ))}
        {field('durationMinutes', 'Length in minutes', (p) => (
          <input {...p} type="number" min={5} max={720} defaultValue={120} />
        ))}
        {field('timezone', 'Timezone', (p) => (
          <input {...p} defaultValue={timezone} />
        ))}
      </div>
      <div className="form-row">
        {field('location', 'Where (optional)', (p) => (
          <input {...p} maxLength={300} />
        ))}
        {field('videoUrl', 'Video link (optional)', (p) => (
          <input {...p} type="url" placeholder="https://" />
        ))}
      </div>
      {field('description', 'About it (optional)', (p) => (
        <textarea {...p} rows={3} maxLength={4000} />
      ))}
      <div role="status" className="form-alert-region">
        {message ? <p className={create.isError ? 'form-alert' : 'muted'}>{message}</p> : null}
      </div>
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={create.isPending}>
          Add to the calendar
        </Button>
      </div>
    </form>
  );
}
