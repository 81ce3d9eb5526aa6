import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { useSetMeetingChanges } from './meetings-api.ts';
import { REPEATS, repeatRule } from './time.ts';

/** The facilitator schedules a meeting, or a series, at a wall-clock time in a zone. */
export function ScheduleForm({ setId }: { setId: string }) {
  const person = useCurrentPerson();
  const { schedule } = useSetMeetingChanges(setId);
  const [repeat, setRepeat] = useState('none');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const startsAt = text('startsAt');
    if (!startsAt) return setProblems({ startsAt: 'Choose a date and time' });
    setProblems({});
    setMessage(null);
    schedule.mutate(
      {
        startsAt,
        durationMinutes: Number(text('durationMinutes')),
        timezone: text('timezone'),
        rrule: repeatRule(repeat, Number(text('count') || 6)),
        location: text('location'),
        videoUrl: text('videoUrl'),
      },
      {
        onSuccess: () => {
          setMessage('Scheduled. The set has been told, and it is in their calendar feeds.');
          setRepeat('none');
        },
        onError: (error) => {
          const described = describeError(error, [
            'startsAt',
            'durationMinutes',
            'timezone',
            'rrule',
            'location',
            'videoUrl',
          ]);
          setProblems(described.fieldErrors ?? {});
          setMessage(described.message ?? null);
        },
      },
    );
  }

  const id = (name: string) => `schedule-${name}`;
  const error = (name: string) =>
    problems[name] ? (
      <span className="field__error" id={`schedule-${name}-error`}>
        {problems[name]}
      </span>
    ) : null;
  const invalid = (name: string) =>
    problems[name]
      ? { 'aria-invalid': true as const, 'aria-describedby': `schedule-${name}-error` }
      : {};

  return (
    <form className="form card" aria-label="Schedule a meeting" onSubmit={onSubmit} noValidate>
      <h3 className="section__title">Schedule a meeting</h3>
      <div className="form-row">
        <div className="field">
          <label className="field__label" htmlFor={id('startsAt')}>
            Starts
          </label>
          <input
            id={id('startsAt')}
            className="field__input"
            type="datetime-local"
            name="startsAt"
            {...invalid('startsAt')}
          />
          {error('startsAt')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id('durationMinutes')}>
            Length in minutes
          </label>
          <input
            id={id('durationMinutes')}
            className="field__input"
            type="number"
            name="durationMinutes"
            min={5}
            max={720}
            defaultValue={120}
            {...invalid('durationMinutes')}
          />
          {error('durationMinutes')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id('timezone')}>
            Timezone
          </label>
          <input
            id={id('timezone')}
            className="field__input"
            name="timezone"
            defaultValue={person.timezone}
            {...invalid('timezone')}
          />
          {error('timezone')}
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field__label" htmlFor={id('rrule')}>
            Repeats
          </label>
          <select
            id={id('rrule')}
            className="field__input"
            name="repeat"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
            {...invalid('rrule')}
          >
            {REPEATS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          {error('rrule')}
        </div>
        {repeat !== 'none' ? (
          <label className="field">
            <span className="field__label">How many meetings</span>
            <input
              className="field__input"
              type="number"
              name="count"
              min={1}
              max={100}
              defaultValue={6}
            />
          </label>
        ) : null}
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field__label" htmlFor={id('location')}>
            Where (optional)
          </label>
          <input
            id={id('location')}
            className="field__input"
            name="location"
            maxLength={300}
            {...invalid('location')}
          />
          {error('location')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id('videoUrl')}>
            Video link (optional)
          </label>
          <input
            id={id('videoUrl')}
            className="field__input"
            name="videoUrl"
            type="url"
            placeholder="https://"
            {...invalid('videoUrl')}
          />
          {error('videoUrl')}
        </div>
      </div>
      <div role="status" className="form-alert-region">
        {message ? <p className={schedule.isError ? 'form-alert' : 'muted'}>{message}</p> : null}
      </div>
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={schedule.isPending}>
          Schedule
        </Button>
      </div>
    </form>
  );
}
