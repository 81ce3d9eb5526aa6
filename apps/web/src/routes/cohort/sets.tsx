import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { may, useMembers } from '../../features/cohorts/api.ts';
import { NotAllowed } from '../../features/cohorts/not-allowed.tsx';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { Cohort, Member } from '../../features/cohorts/types.ts';
import { type LearningSet, useSetChanges, useSets } from '../../features/sets/api.ts';
import { Page } from '../../ui/page.tsx';

/**
 * The cohort's action learning sets: one's own set, or for those who run the cohort every set
 * and who is in it, with the means to open sets and move people between them.
 */
export function SetsPage() {
  const cohort = useCohortSpace();
  // Sponsors are never in a set, and the server refuses them the list: say so instead.
  if (!may(cohort, 'sets.view'))
    return (
      <NotAllowed
        cohort={cohort}
        title="Action learning sets"
        reason="Action learning sets are for the cohort’s participants and facilitators. What is said in a set stays in the set."
      />
    );
  return <CohortSets cohort={cohort} />;
}

function CohortSets({ cohort }: { cohort: Cohort }) {
  const sets = useSets(cohort.id);
  const manages = may(cohort, 'sets.manage') && !cohort.archived;
  const members = useMembers(cohort.id);
  const eligible = (members.data ?? []).filter(
    (m) => m.role === 'participant' || m.role === 'facilitator',
  );

  return (
    <Page
      title="Action learning sets"
      documentTitle={`Sets – ${cohort.name}`}
      section
      lead="A set is a few participants and a facilitator who meet every few weeks. What is said in a set stays in the set."
    >
      {manages ? <NewSetForm cohortId={cohort.id} eligible={eligible} /> : null}
      {sets.isPending ? (
        <p className="muted">Loading sets…</p>
      ) : sets.error ? (
        <p role="alert">The sets could not be loaded. Reload to try again.</p>
      ) : sets.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            {manages
              ? 'No sets yet. Open one above and choose its members: four to eight participants work best.'
              : 'You are not in a set yet. Your facilitator will put you in one.'}
          </p>
        </div>
      ) : (
        <ul className="board-list" aria-label="Sets">
          {sets.data.map((set) => (
            <li key={set.id} className="card board-list__item">
              <SetCard set={set} cohortId={cohort.id} manages={manages} eligible={eligible} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function SetCard({
  set,
  cohortId,
  manages,
  eligible,
}: {
  set: LearningSet;
  cohortId: string;
  manages: boolean;
  eligible: Member[];
}) {
  const changes = useSetChanges(cohortId);
  const personId = useCurrentPerson().id;
  const [adding, setAdding] = useState('');
  const error = changes.add.error ?? changes.remove.error;
  const inSet = new Set(set.members.map((m) => m.userId));
  return (
    <article aria-label={set.name}>
      <h2 className="board-list__title">
        {set.members.some((m) => m.userId === personId) || manages ? (
          <Link to={`/cohorts/${cohortId}/sets/${set.id}`}>{set.name}</Link>
        ) : (
          set.name
        )}
      </h2>
      {set.warnings.map((w) => (
        <p key={w.code} className="banner">
          {w.message}
        </p>
      ))}
      <ul className="set-members" aria-label={`Members of ${set.name}`}>
        {set.members.map((m) => (
          <li key={m.userId} className="set-members__row">
            <span>
              {m.displayName}
              {m.role === 'facilitator' ? <span className="muted"> · facilitator</span> : null}
            </span>
            {manages ? (
              <Button
                className="button button--quiet button--tiny"
                aria-label={`Take out ${m.displayName} from ${set.name}`}
                onPress={() => changes.remove.mutate({ setId: set.id, userId: m.userId })}
              >
                Take out
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {manages ? (
        <form
          className="inline-form set-members__add"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) changes.add.mutate({ setId: set.id, userIds: [adding] });
            setAdding('');
          }}
        >
          <label className="field">
            <span className="field__label">Add or move someone here</span>
            <select
              className="field__input"
              value={adding}
              onChange={(event) => setAdding(event.target.value)}
            >
              <option value="">Choose a person</option>
              {eligible
                .filter((m) => !inSet.has(m.userId))
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName}
                  </option>
                ))}
            </select>
          </label>
          <Button type="submit" className="button button--quiet">
            Add
          </Button>
        </form>
      ) : null}
      {error ? <p role="alert">{describeError(error).message}</p> : null}
    </article>
  );
}

function NewSetForm({ cohortId, eligible }: { cohortId: string; eligible: Member[] }) {
  const { create } = useSetChanges(cohortId);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setProblem('Give the set a name');
    setProblem(null);
    create.mutate(
      { name: name.trim(), memberIds: chosen },
      {
        onSuccess: () => {
          setName('');
          setChosen([]);
        },
        onError: (error) => setProblem(describeError(error).message ?? 'The set was not opened.'),
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} aria-label="Open a set">
      <label className="field">
        <span className="field__label">New set’s name</span>
        <input
          className="field__input"
          value={name}
          maxLength={120}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <fieldset className="set-picker">
        <legend className="field__label">Members (someone in another set is moved)</legend>
        {eligible.length === 0 ? (
          <p className="muted">
            Nobody to choose yet: invite participants and facilitators first, then add them here.
          </p>
        ) : null}
        {eligible.map((m) => (
          <label key={m.userId} className="card-composer__anonymous">
            <input
              type="checkbox"
              checked={chosen.includes(m.userId)}
              onChange={(event) =>
                setChosen((list) =>
                  event.target.checked ? [...list, m.userId] : list.filter((id) => id !== m.userId),
                )
              }
            />
            <span>{m.displayName}</span>
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" className="button button--primary" isPending={create.isPending}>
          Open set
        </Button>
      </div>
    </form>
  );
}
