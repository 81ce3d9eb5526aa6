import { MAX_POLL_SLOTS, type PollAnswer } from '@colab/shared';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { type Poll, useSetMeetingChanges } from './meetings-api.ts';
import { formatWhen, REPEATS, repeatRule } from './time.ts';

const ANSWERS: { id: PollAnswer; label: string }[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'if_need_be', label: 'If need be' },
  { id: 'no', label: 'No' },
];

/** The facilitator proposes times; everyone answers them. */
export function NewPollForm({ setId }: { setId: string }) {
  const person = useCurrentPerson();
  const { createPoll } = useSetMeetingChanges(setId);
  const [slots, setSlots] = useState<string[]>(['', '']);
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = slots.filter(Boolean);
    if (chosen.length === 0) return setProblem('Propose at least one time');
    setProblem(null);
    createPoll.mutate(
      {
        title: String(form.get('title') ?? '').trim(),
        timezone: String(form.get('timezone') ?? person.timezone),
        durationMinutes: Number(form.get('durationMinutes')),
        slots: chosen,
      },
      {
        onSuccess: () => setSlots(['', '']),
        onError: (error) => setProblem(describeError(error).message ?? 'The poll was not opened.'),
      },
    );
  }

  return (
    <form className="form card" aria-label="Find a time" onSubmit={onSubmit} noValidate>
      <h3 className="section__title">Find a time: propose some</h3>
      <div className="form-row">
        <label className="field">
          <span className="field__label">What for</span>
          <input
            className="field__input"
            name="title"
            defaultValue="Our next meeting"
            maxLength={120}
          />
        </label>
        <label className="field">
          <span className="field__label">Length in minutes</span>
          <input
            className="field__input"
            type="number"
            name="durationMinutes"
            min={5}
            max={720}
            defaultValue={120}
          />
        </label>
        <label className="field">
          <span className="field__label">Timezone of these times</span>
          <input className="field__input" name="timezone" defaultValue={person.timezone} />
        </label>
      </div>
      <ol className="poll-slots-input" aria-label="Proposed times">
        {slots.map((value, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions, edited in place
          <li key={i}>
            <label className="field">
              <span className="field__label">Time {i + 1}</span>
              <input
                className="field__input"
                type="datetime-local"
                value={value}
                onChange={(event) =>
                  setSlots((list) => list.map((v, j) => (j === i ? event.target.value : v)))
                }
              />
            </label>
          </li>
        ))}
      </ol>
      {slots.length < MAX_POLL_SLOTS ? (
        <Button
          className="button button--quiet button--small"
          onPress={() => setSlots((l) => [...l, ''])}
        >
          Add another time
        </Button>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={createPoll.isPending}>
          Ask the set
        </Button>
      </div>
    </form>
  );
}

export function PollCard({ poll, facilitates }: { poll: Poll; facilitates: boolean }) {
  const { timezone } = useCurrentPerson();
  const changes = useSetMeetingChanges(poll.setId);
  const [answers, setAnswers] = useState<Record<string, PollAnswer>>(poll.myAnswers);
  const [reminded, setReminded] = useState<string | null>(null);
  const [repeat, setRepeat] = useState('none');
  const [count, setCount] = useState(6);
  const open = poll.status === 'open';
  const waiting = poll.members.filter((m) => poll.notResponded.includes(m.userId));
  const error = changes.answerPoll.error ?? changes.confirmPoll.error ?? changes.remind.error;

  return (
    <article className="card poll" aria-label={`Poll: ${poll.title}`}>
      <h3 className="section__title">
        {poll.title} {open ? null : <span className="badge badge--success">Time chosen</span>}
      </h3>
      <p className="muted">{poll.durationMinutes} minutes. Times are shown in your timezone.</p>
      <table className="data-table poll__table">
        <caption className="visually-hidden">Proposed times and answers</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Yes</th>
            <th scope="col">If need be</th>
            <th scope="col">No</th>
            {open ? <th scope="col">Your answer</th> : null}
            {open && facilitates ? <th scope="col">Choose</th> : null}
          </tr>
        </thead>
        <tbody>
          {poll.slots.map((slot) => {
            const when = formatWhen(slot.startsAt, timezone);
            return (
              <tr
                key={slot.id}
                className={poll.confirmedSlotId === slot.id ? 'poll__chosen' : undefined}
              >
                <th scope="row">
                  {when}
                  {poll.confirmedSlotId === slot.id ? ' (chosen)' : ''}
                </th>
                <td>{slot.tallies.yes}</td>
                <td>{slot.tallies.ifNeedBe}</td>
                <td>{slot.tallies.no}</td>
                {open ? (
                  <td>
                    <fieldset className="poll__answer">
                      <legend className="visually-hidden">Your answer for {when}</legend>
                      {ANSWERS.map((a) => (
                        <label key={a.id} className="rsvp__choice">
                          <input
                            type="radio"
                            name={`poll-${poll.id}-${slot.id}`}
                            checked={answers[slot.id] === a.id}
                            onChange={() => setAnswers((all) => ({ ...all, [slot.id]: a.id }))}
                          />
                          {a.label}
                        </label>
                      ))}
                    </fieldset>
                  </td>
                ) : null}
                {open && facilitates ? (
                  <td>
                    <Button
                      className="button button--small"
                      aria-label={`Choose ${when}`}
                      isPending={changes.confirmPoll.isPending}
                      onPress={() =>
                        changes.confirmPoll.mutate({
                          pollId: poll.id,
                          slotId: slot.id,
                          rrule: repeatRule(repeat, count),
                        })
                      }
                    >
                      Choose
                    </Button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {open ? (
        <div className="form__actions">
          <Button
            className="button button--primary button--small"
            isPending={changes.answerPoll.isPending}
            isDisabled={Object.keys(answers).length === 0}
            onPress={() =>
              changes.answerPoll.mutate({
                pollId: poll.id,
                answers: Object.entries(answers).map(([slotId, answer]) => ({ slotId, answer })),
              })
            }
          >
            Save my answers
          </Button>
        </div>
      ) : null}
      {open && facilitates ? (
        <div className="poll__facilitator">
          <p>
            {waiting.length === 0
              ? 'Everyone has answered.'
              : `Not answered yet: ${waiting.map((m) => m.displayName).join(', ')}.`}
          </p>
          {waiting.length ? (
            <Button
              className="button button--quiet button--small"
              isPending={changes.remind.isPending}
              onPress={() =>
                changes.remind.mutate(poll.id, {
                  onSuccess: (r) =>
                    setReminded(
                      `Reminded ${r.reminded} ${r.reminded === 1 ? 'person' : 'people'}.`,
                    ),
                })
              }
            >
              Send them a reminder
            </Button>
          ) : null}
          <div role="status">{reminded ? <p className="muted">{reminded}</p> : null}</div>
          <div className="form-row">
            <label className="field">
              <span className="field__label">The chosen time starts</span>
              <select
                className="field__input"
                value={repeat}
                onChange={(event) => setRepeat(event.target.value)}
              >
                {REPEATS.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.id === 'none' ? 'One meeting' : `A series: ${r.label.toLowerCase()}`}
                  </option>
                ))}
              </select>
            </label>
            {repeat !== 'none' ? (
              <label className="field">
                <span className="field__label">How many meetings</span>
                <input
                  className="field__input"
                  type="number"
                  min={1}
                  max={100}
                  value={count}
                  onChange={(event) => setCount(Number(event.target.value))}
                />
              </label>
            ) : null}
          </div>
        </div>
      ) : null}
      {error ? <p role="alert">{describeError(error).message}</p> : null}
    </article>
  );
}
