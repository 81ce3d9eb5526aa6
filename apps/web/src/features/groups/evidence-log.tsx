import { EVIDENCE_KINDS } from '@colab/shared';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { formatDay } from '../cohorts/dates.ts';
import { type Evidence, useEvidence, useGroupChanges } from './api.ts';

const KIND_LABELS: Record<Evidence['kind'], string> = {
  interview: 'Interview',
  observation: 'Observation',
  finding: 'Finding',
};

/** Interviews, observations and findings, filterable by kind and tag. */
export function EvidenceLog({
  cohortId,
  groupId,
  canWrite,
}: {
  cohortId: string;
  groupId: string;
  canWrite: boolean;
}) {
  const evidence = useEvidence(groupId, true);
  const [kind, setKind] = useState('');
  const [tag, setTag] = useState('');
  const all = evidence.data?.evidence ?? [];
  const titleOf = new Map(all.map((e) => [e.id, e.title]));
  const shown = all.filter((e) => (!kind || e.kind === kind) && (!tag || e.tags.includes(tag)));
  return (
    <section className="section" aria-labelledby="evidence">
      <h2 id="evidence" className="section__title">
        Evidence
      </h2>
      <div className="form-row">
        <label className="field">
          <span className="field__label">Show</span>
          <select className="field__input" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Everything</option>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}s
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Tagged</span>
          <select className="field__input" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">Any tag</option>
            {(evidence.data?.tags ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      {evidence.isSuccess && shown.length === 0 ? (
        <p className="quiet-box">
          {all.length === 0
            ? canWrite
              ? 'Nothing gathered yet. Add your first interview or observation below.'
              : 'The group has not gathered any evidence yet.'
            : 'Nothing matches these filters.'}
        </p>
      ) : (
        <ul className="plain-list" aria-label="Evidence">
          {shown.map((e) => (
            <li key={e.id} className="card">
              <article aria-label={`${KIND_LABELS[e.kind]}: ${e.title}`}>
                <h3 className="section__title">
                  <span className="badge badge--info">{KIND_LABELS[e.kind]}</span> {e.title}
                </h3>
                {e.body ? <p className="pre-line">{e.body}</p> : null}
                <p className="muted">
                  {[
                    e.occurredOn ? formatDay(e.occurredOn) : null,
                    e.source,
                    e.gatheredBy ? `gathered by ${e.gatheredBy.displayName}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {e.tags.length ? ` · tags: ${e.tags.join(', ')}` : ''}
                </p>
                {e.evidenceIds.length ? (
                  <p>
                    Based on: {e.evidenceIds.map((id) => titleOf.get(id) ?? 'evidence').join('; ')}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <AddEvidence
          cohortId={cohortId}
          groupId={groupId}
          sources={all.filter((e) => e.kind !== 'finding')}
        />
      ) : null}
    </section>
  );
}

function AddEvidence({
  cohortId,
  groupId,
  sources,
}: {
  cohortId: string;
  groupId: string;
  sources: Evidence[];
}) {
  const { addEvidence } = useGroupChanges(cohortId, groupId);
  const [kind, setKind] = useState<Evidence['kind']>('interview');
  const [linked, setLinked] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (n: string) => String(data.get(n) ?? '').trim();
    setProblem(null);
    addEvidence.mutate(
      {
        kind,
        title: text('title'),
        body: text('body'),
        source: text('source'),
        occurredOn: text('occurredOn') || null,
        tags: text('tags')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        evidenceIds: kind === 'finding' ? linked : [],
      },
      {
        onSuccess: () => {
          form.reset();
          setLinked([]);
        },
        onError: (error) => setProblem(describeError(error).message ?? 'It was not saved.'),
      },
    );
  }
  return (
    <form className="form card" aria-label="Add evidence" onSubmit={onSubmit} noValidate>
      <h3 className="section__title">Add evidence</h3>
      <div className="form-row">
        <label className="field">
          <span className="field__label">Kind</span>
          <select
            className="field__input"
            value={kind}
            onChange={(e) => setKind(e.target.value as Evidence['kind'])}
          >
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Title</span>
          <input className="field__input" name="title" maxLength={200} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">What was said or seen</span>
        <textarea className="field__input" name="body" rows={3} />
      </label>
      <div className="form-row">
        <label className="field">
          <span className="field__label">When (optional)</span>
          <input className="field__input" name="occurredOn" type="date" />
        </label>
        <label className="field">
          <span className="field__label">Source (optional)</span>
          <input className="field__input" name="source" maxLength={300} />
        </label>
        <label className="field">
          <span className="field__label">Tags, separated by commas</span>
          <input className="field__input" name="tags" />
        </label>
      </div>
      {kind === 'finding' && sources.length ? (
        <fieldset className="set-picker">
          <legend className="field__label">The evidence behind it</legend>
          {sources.map((s) => (
            <label key={s.id} className="card-composer__anonymous">
              <input
                type="checkbox"
                checked={linked.includes(s.id)}
                onChange={(e) =>
                  setLinked((l) =>
                    e.target.checked ? [...l, s.id] : l.filter((id) => id !== s.id),
                  )
                }
              />
              <span>{s.title}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button type="submit" className="button button--primary" isPending={addEvidence.isPending}>
        Add to the log
      </Button>
    </form>
  );
}
