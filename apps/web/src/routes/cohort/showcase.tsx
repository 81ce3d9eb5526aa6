import { useState } from 'react';
import { Link } from 'react-router';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useGroups, useShowcase } from '../../features/groups/api.ts';
import { OutputCard } from '../../features/groups/output-card.tsx';
import { Page } from '../../ui/page.tsx';

/** What the cohort's groups published, in their running order at the celebration event. */
export function ShowcasePage() {
  const cohort = useCohortSpace();
  const [theme, setTheme] = useState('');
  const showcase = useShowcase(cohort.id, theme);
  const groups = useGroups(cohort.id);
  const myGroups = new Set(
    (groups.data ?? []).filter((g) => g.myRole === 'member').map((g) => g.id),
  );
  return (
    <Page
      title="Showcase"
      documentTitle={`Showcase – ${cohort.name}`}
      section
      lead="The project groups’ published work, in the order they present it at the celebration event."
    >
      {(showcase.data?.outputs.length ?? 0) > 0 ? (
        <p>
          <Link to={`/cohorts/${cohort.id}/celebration`}>
            Open the celebration event’s running order
          </Link>
        </p>
      ) : null}
      {(showcase.data?.themes.length ?? 0) > 0 ? (
        <label className="field">
          <span className="field__label">Theme</span>
          <select className="field__input" value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">All themes</option>
            {showcase.data?.themes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {showcase.isPending ? (
        <p className="muted">Loading the showcase…</p>
      ) : showcase.error ? (
        <p role="alert">The showcase could not be loaded. Reload to try again.</p>
      ) : showcase.data.outputs.length === 0 ? (
        <p className="quiet-box">
          Nothing is published yet. Groups’ outputs appear here once a facilitator publishes them.
        </p>
      ) : (
        <ol className="plain-list" aria-label="Published outputs">
          {showcase.data.outputs.map((o) => (
            <li key={o.id}>
              <OutputCard
                output={o}
                cohortId={cohort.id}
                isMember={myGroups.has(o.groupId)}
                runs={false}
              />
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
