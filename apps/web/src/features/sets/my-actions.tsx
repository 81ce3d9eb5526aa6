import { Link } from 'react-router';
import { formatDay } from '../cohorts/dates.ts';
import { useMyActions } from './meetings-api.ts';

/** The person's own open actions from their set, on the cohort home. */
export function MyActions({ cohortId }: { cohortId: string }) {
  const actions = useMyActions(cohortId);
  if (!actions.data || actions.data.length === 0) return null;
  return (
    <section className="section" aria-labelledby="my-actions">
      <h2 id="my-actions" className="section__title">
        Your open actions
      </h2>
      <ul className="plain-list card" aria-label="Your open actions">
        {actions.data.map((a) => (
          <li key={a.id}>
            {a.text}
            <span className="muted">
              {' '}
              · {a.setName}
              {a.dueDate ? ` · due ${formatDay(a.dueDate)}` : ''}
              {a.followUp ? ` · last time: ${a.followUp.outcome.replace('_', ' ')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/cohorts/${cohortId}/sets`}>Go to your set</Link>
      </p>
    </section>
  );
}
