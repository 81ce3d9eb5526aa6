import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { formatMoment } from '../../features/cohorts/dates.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useSharedReflections } from '../../features/journal/api.ts';
import { Page } from '../../ui/page.tsx';

/** Journal entries members chose to share with the cohort: read-only copies. */
export function ReflectionsPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const reflections = useSharedReflections(cohort.id);
  return (
    <Page
      title="Shared reflections"
      documentTitle={`Reflections – ${cohort.name}`}
      section
      lead="Journal entries members chose to share with the cohort."
    >
      {reflections.isPending ? (
        <p className="muted">Loading…</p>
      ) : reflections.error ? (
        <p role="alert">Shared reflections could not be loaded. Reload to try again.</p>
      ) : reflections.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            Nobody has shared a reflection yet. Journals are private; anyone can share one entry
            from its page with “Share…”.
          </p>
        </div>
      ) : (
        <ul className="board-list">
          {reflections.data.map((r) => (
            <li key={r.entryId} className="card board-list__item">
              <article aria-label={r.title || 'Untitled entry'}>
                <h2 className="board-list__title">{r.title || 'Untitled entry'}</h2>
                <p className="muted">
                  {r.author.displayName} · shared {formatMoment(r.sharedAt, person.timezone)}
                </p>
                {r.body.split(/\n+/).map((paragraph, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed copy
                  <p key={i}>{paragraph}</p>
                ))}
              </article>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
