import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { may, useMembers } from '../../features/cohorts/api.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useGroupChanges, useGroups } from '../../features/groups/api.ts';
import { Page } from '../../ui/page.tsx';

/** The cohort's project groups: what each works on, and who is in it. */
export function GroupsPage() {
  const cohort = useCohortSpace();
  const groups = useGroups(cohort.id);
  const manages = may(cohort, 'groups.manage') && !cohort.archived;
  return (
    <Page
      title="Project groups"
      documentTitle={`Groups – ${cohort.name}`}
      section
      lead="Each group works on one hard problem for the system, gathers evidence and shares what it finds at the celebration event."
    >
      {groups.isPending ? (
        <p className="muted">Loading groups…</p>
      ) : groups.error ? (
        <p role="alert">The groups could not be loaded. Reload to try again.</p>
      ) : groups.data.length === 0 ? (
        <p className="quiet-box">
          {manages
            ? 'No groups yet. Open one below, with its challenge, members and sponsors.'
            : 'No project groups yet. Your facilitators will set them up.'}
        </p>
      ) : (
        <ul className="board-list" aria-label="Groups">
          {groups.data.map((g) => (
            <li key={g.id} className="card board-list__item">
              <h2 className="board-list__title">
                <Link to={`/cohorts/${cohort.id}/groups/${g.id}`}>{g.name}</Link>
              </h2>
              {g.challenge ? <p>{g.challenge}</p> : null}
              <p className="muted">
                {g.members.map((m) => m.displayName).join(', ') || 'No members yet'}
                {g.sponsors.length
                  ? ` · sponsored by ${g.sponsors.map((s) => `${s.displayName}${s.chief ? ' (chief)' : ''}`).join(', ')}`
                  : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {manages ? <NewGroupForm cohortId={cohort.id} /> : null}
    </Page>
  );
}

function NewGroupForm({ cohortId }: { cohortId: string }) {
  const members = useMembers(cohortId);
  const { create } = useGroupChanges(cohortId);
  const [chosen, setChosen] = useState<Record<string, 'member' | 'sponsor'>>({});
  const [chief, setChief] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const people = members.data ?? [];
  const canBe = (role: string) =>
    role === 'participant' || role === 'facilitator'
      ? 'member'
      : role === 'sponsor' || role === 'programme_lead'
        ? 'sponsor'
        : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const sponsorIds = Object.keys(chosen).filter((id) => chosen[id] === 'sponsor');
    setProblem(null);
    create.mutate(
      {
        name: String(data.get('name') ?? '').trim(),
        challenge: String(data.get('challenge') ?? '').trim(),
        memberIds: Object.keys(chosen).filter((id) => chosen[id] === 'member'),
        sponsorIds,
        chiefSponsorId: sponsorIds.includes(chief) ? chief : null,
      },
      {
        onSuccess: () => {
          form.reset();
          setChosen({});
          setChief('');
        },
        onError: (error) => setProblem(describeError(error).message ?? 'The group was not opened.'),
      },
    );
  }
  return (
    <form className="form card" aria-label="Open a group" onSubmit={onSubmit} noValidate>
      <h2 className="section__title">Open a group</h2>
      <label className="field">
        <span className="field__label">Name</span>
        <input className="field__input" name="name" maxLength={120} />
      </label>
      <label className="field">
        <span className="field__label">The challenge it works on</span>
        <textarea className="field__input" name="challenge" rows={2} maxLength={2000} />
      </label>
      <fieldset className="set-picker">
        <legend className="field__label">Who is in it</legend>
        {people.map((m) => {
          const role = canBe(m.role);
          if (!role) return null;
          return (
            <label key={m.userId} className="card-composer__anonymous">
              <input
                type="checkbox"
                checked={Boolean(chosen[m.userId])}
                onChange={(e) =>
                  setChosen((c) => {
                    const next = { ...c };
                    if (e.target.checked) next[m.userId] = role;
                    else delete next[m.userId];
                    return next;
                  })
                }
              />
              <span>
                {m.displayName}{' '}
                <span className="muted">({role === 'member' ? 'member' : 'sponsor'})</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      {Object.values(chosen).includes('sponsor') ? (
        <label className="field">
          <span className="field__label">Chief sponsor</span>
          <select className="field__input" value={chief} onChange={(e) => setChief(e.target.value)}>
            <option value="">None</option>
            {people
              .filter((m) => chosen[m.userId] === 'sponsor')
              .map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.displayName}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button type="submit" className="button button--primary" isPending={create.isPending}>
        Open group
      </Button>
    </form>
  );
}
