import type { FollowUpOutcome } from '@colab/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { formatDay } from '../cohorts/dates.ts';
import { type Action, type Runner, useSetMeetingChanges } from './meetings-api.ts';

type Presentation = Runner['presentations'][number];
interface Where {
  setId: string;
  meetingId: string;
  occurrence: string;
}

export function CheckIn({
  runner,
  where,
  personId,
}: {
  runner: Runner;
  where: Where;
  personId: string;
}) {
  const { checkIn } = useSetMeetingChanges(where.setId);
  const mine = runner.checkins.find((c) => c.userId === personId);
  const [note, setNote] = useState(mine?.note ?? '');
  // Check-in is how people arrive: a meeting that is over or called off keeps its record.
  const closed = runner.meeting.cancelled || Date.parse(runner.meeting.endsAt) < Date.now();
  return (
    <section className="section card" aria-labelledby="check-in">
      <h2 id="check-in" className="section__title">
        Check-in
      </h2>
      {closed ? (
        <p className="muted">
          {runner.meeting.cancelled
            ? 'This meeting was cancelled, so there is no check-in.'
            : 'Check-in closed when the meeting ended.'}
        </p>
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            checkIn.mutate({ ...where, note });
          }}
        >
          <label className="field">
            <span className="field__label">How are you arriving? (optional)</span>
            <input
              className="field__input"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <Button type="submit" className="button button--small" isPending={checkIn.isPending}>
            {mine ? 'Update my check-in' : 'Check in'}
          </Button>
        </form>
      )}
      {checkIn.error ? <p role="alert">{describeError(checkIn.error).message}</p> : null}
      <ul aria-label="Checked in" className="plain-list">
        {runner.checkins.map((c) => (
          <li key={c.userId}>
            <strong>{c.displayName}</strong>
            {c.note ? ` — ${c.note}` : ''}
          </li>
        ))}
      </ul>
      <p className="muted">
        {runner.checkins.length} of {runner.members.length} checked in.
      </p>
    </section>
  );
}

const OUTCOMES: { id: FollowUpOutcome; label: string }[] = [
  { id: 'done', label: 'Done' },
  { id: 'partly', label: 'Partly' },
  { id: 'not_yet', label: 'Not yet' },
];

export function FollowUps({ runner, where }: { runner: Runner; where: Where }) {
  if (runner.followUps.length === 0) return null;
  return (
    <section className="section card" aria-labelledby="follow-ups">
      <h2 id="follow-ups" className="section__title">
        Following up actions from earlier meetings
      </h2>
      <ul className="plain-list follow-ups" aria-label="Actions to follow up">
        {runner.followUps.map((action) => (
          <li key={action.id}>
            <FollowUp action={action} where={where} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowUp({ action, where }: { action: Action; where: Where }) {
  const { followUp } = useSetMeetingChanges(where.setId);
  const [note, setNote] = useState(action.followUp?.note ?? '');
  return (
    <article className="follow-up" aria-label={`Action: ${action.text}`}>
      <p>
        <strong>{action.ownerName}</strong>: {action.text}
        {action.dueDate ? <span className="muted"> (due {formatDay(action.dueDate)})</span> : null}
        {action.followUp ? (
          <span className="badge badge--info">
            {OUTCOMES.find((o) => o.id === action.followUp?.outcome)?.label}
          </span>
        ) : null}
      </p>
      <label className="field">
        <span className="field__label">Note (optional)</span>
        <input
          className="field__input"
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <fieldset className="button-row">
        <legend className="visually-hidden">How did “{action.text}” go?</legend>
        {OUTCOMES.map((o) => (
          <Button
            key={o.id}
            className={`button button--small${action.followUp?.outcome === o.id ? ' button--primary' : ''}`}
            aria-pressed={action.followUp?.outcome === o.id}
            isPending={followUp.isPending}
            onPress={() =>
              followUp.mutate({
                actionId: action.id,
                meetingId: where.meetingId,
                occurrence: where.occurrence,
                outcome: o.id,
                note,
              })
            }
          >
            {o.label}
          </Button>
        ))}
      </fieldset>
      {followUp.error ? <p role="alert">{describeError(followUp.error).message}</p> : null}
    </article>
  );
}

/** Who presents: the facilitator picks from the suggested order and can swap the order. */
export function Rota({ runner, where }: { runner: Runner; where: Where }) {
  const { setRota } = useSetMeetingChanges(where.setId);
  const current = runner.presentations.map((p) => p.presenterId);
  const [chosen, setChosen] = useState<string[]>(current);
  const [editing, setEditing] = useState(current.length === 0);
  const save = (ids: string[]) =>
    setRota.mutate({ ...where, presenterIds: ids }, { onSuccess: () => setEditing(false) });
  if (!runner.canFacilitate && current.length === 0)
    return (
      <section className="section card" aria-labelledby="rota">
        <h2 id="rota" className="section__title">
          Who presents
        </h2>
        <p className="muted">Your facilitator will say who presents this time.</p>
      </section>
    );
  return (
    <section className="section card" aria-labelledby="rota">
      <h2 id="rota" className="section__title">
        Who presents
      </h2>
      {current.length > 0 ? (
        <ol aria-label="Presenters in order" className="plain-list">
          {runner.presentations.map((p, i) => (
            <li key={p.id}>
              {i + 1}. {p.displayName}
              {runner.canFacilitate && i > 0 ? (
                <Button
                  className="button button--quiet button--tiny"
                  aria-label={`Swap with the one before: ${p.displayName} and ${runner.presentations[i - 1]!.displayName}`}
                  onPress={() => {
                    const ids = [...current];
                    [ids[i - 1], ids[i]] = [ids[i]!, ids[i - 1]!];
                    save(ids);
                  }}
                >
                  Swap with the one before
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {runner.canFacilitate && !editing ? (
        <Button className="button button--quiet button--small" onPress={() => setEditing(true)}>
          Change who presents
        </Button>
      ) : null}
      {runner.canFacilitate && editing ? (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            save(runner.suggestedRota.map((s) => s.userId).filter((id) => chosen.includes(id)));
          }}
        >
          <fieldset className="set-picker">
            <legend className="field__label">
              Suggested order: those who have presented least come first
            </legend>
            {runner.suggestedRota.map((s) => (
              <label key={s.userId} className="card-composer__anonymous">
                <input
                  type="checkbox"
                  checked={chosen.includes(s.userId)}
                  onChange={(e) =>
                    setChosen((list) =>
                      e.target.checked ? [...list, s.userId] : list.filter((id) => id !== s.userId),
                    )
                  }
                />
                <span>
                  {s.displayName}{' '}
                  <span className="muted">
                    (presented {s.presented} {s.presented === 1 ? 'time' : 'times'})
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <Button
            type="submit"
            className="button button--primary button--small"
            isPending={setRota.isPending}
          >
            Set who presents
          </Button>
        </form>
      ) : null}
      {setRota.error ? <p role="alert">{describeError(setRota.error).message}</p> : null}
    </section>
  );
}

/**
 * A text field others may change at the same time: it follows what the set saved, except
 * while this person is typing in it (their words are not overwritten under them).
 */
function useLiveDraft(saved: string) {
  const [draft, setDraft] = useState(saved);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(saved);
  }, [saved, editing]);
  return [draft, setDraft, { onFocus: () => setEditing(true) }, () => setEditing(false)] as const;
}

function elapsed(timer: Presentation['timer'], now: number) {
  if (!timer.startedAt) return null;
  const end = timer.stoppedAt ? Date.parse(timer.stoppedAt) : now;
  const seconds = Math.max(0, Math.round((end - Date.parse(timer.startedAt)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function PresentationCard({
  presentation: p,
  runner,
  where,
}: {
  presentation: Presentation;
  runner: Runner;
  where: Where;
}) {
  const changes = useSetMeetingChanges(where.setId);
  const [challenge, setChallenge, challengeFocus, challengeDone] = useLiveDraft(p.challenge ?? '');
  const [questions, setQuestions, questionsFocus, questionsDone] = useLiveDraft(p.questions ?? '');
  const [now, setNow] = useState(Date.now());
  const running = Boolean(p.timer.startedAt && !p.timer.stoppedAt);
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running]);
  const actions = runner.actions.filter((a) => a.presentationId === p.id);
  const update = (input: Record<string, unknown>, onSettled?: () => void) =>
    changes.updatePresentation.mutate({ id: p.id, ...input }, { onSettled });
  // The field follows others' changes again once this save has landed (or failed).
  const save = (input: Record<string, unknown>, changed: boolean, done: () => void) =>
    changed ? update(input, done) : done();
  return (
    <article className="card presentation" aria-labelledby={`presentation-${p.id}`}>
      <h3 id={`presentation-${p.id}`} className="section__title">
        {p.position + 1}. {p.displayName} presents
      </h3>
      <p className="presentation__timer">
        <span aria-live="off">Time: {elapsed(p.timer, now) ?? 'not started'}</span>{' '}
        <Button
          className="button button--small"
          onPress={() => update({ timer: running ? 'stop' : 'start' })}
          aria-label={`${running ? 'Stop' : 'Start'} timer for ${p.displayName}`}
        >
          {running ? 'Stop timer' : 'Start timer'}
        </Button>
      </p>
      <label className="field">
        <span className="field__label">The challenge, in a sentence</span>
        <input
          className="field__input"
          value={challenge}
          maxLength={500}
          onChange={(e) => setChallenge(e.target.value)}
          {...challengeFocus}
          onBlur={() => save({ challenge }, challenge !== (p.challenge ?? ''), challengeDone)}
        />
      </label>
      <label className="field">
        <span className="field__label">Questions the set asked (optional)</span>
        <textarea
          className="field__input"
          rows={3}
          value={questions}
          maxLength={4000}
          onChange={(e) => setQuestions(e.target.value)}
          {...questionsFocus}
          onBlur={() => save({ questions }, questions !== (p.questions ?? ''), questionsDone)}
        />
      </label>
      <ActionList actions={actions} label={`${p.displayName}’s actions`} />
      <AddAction runner={runner} where={where} presentation={p} />
      {changes.updatePresentation.error ? (
        <p role="alert">{describeError(changes.updatePresentation.error).message}</p>
      ) : null}
    </article>
  );
}

export function ActionList({ actions, label }: { actions: Action[]; label: string }) {
  if (actions.length === 0) return null;
  return (
    <ul className="plain-list" aria-label={label}>
      {actions.map((a) => (
        <li key={a.id}>
          <strong>{a.ownerName}</strong>: {a.text}
          {a.dueDate ? <span className="muted"> (due {formatDay(a.dueDate)})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function AddAction({
  runner,
  where,
  presentation,
}: {
  runner: Runner;
  where: Where;
  presentation: Presentation;
}) {
  const { addAction } = useSetMeetingChanges(where.setId);
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState(presentation.presenterId);
  const [dueDate, setDueDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form add-action"
      aria-label={`Add an action for ${presentation.displayName}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return setProblem('Say what the action is');
        setProblem(null);
        addAction.mutate(
          {
            meetingId: where.meetingId,
            occurrence: where.occurrence,
            presentationId: presentation.id,
            ownerId,
            text: text.trim(),
            dueDate: dueDate || null,
          },
          {
            onSuccess: () => {
              setText('');
              setDueDate('');
            },
            onError: (error) =>
              setProblem(describeError(error).message ?? 'The action was not saved.'),
          },
        );
      }}
    >
      <div className="form-row">
        <label className="field">
          <span className="field__label">Action</span>
          <input
            className="field__input"
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Owner</span>
          <select
            className="field__input"
            value={ownerId}
            onChange={(e) => setOwnerId(e.target.value)}
          >
            {runner.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Due (optional)</span>
          <input
            className="field__input"
            type="date"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
        </label>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button type="submit" className="button button--small" isPending={addAction.isPending}>
        Add action
      </Button>
    </form>
  );
}
