import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { formatMomentDay } from '../../features/cohorts/dates.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { entryTitle, useSharedReflections } from '../../features/journal/api.ts';
import { ReflectionText } from '../../features/journal/reflection-text.tsx';
import { Page } from '../../ui/page.tsx';

/** What members chose to share from their journals: read-only copies, newest first. */
export function ReflectionsPage() {
  const cohort = useCohortSpace();
  const { timezone } = useCurrentPerson();
  const reflections = useSharedReflections(cohort.id);

  return (
    <Page
      title="Reflections"
      documentTitle={`Reflections – ${cohort.name}`}
      section
      lead="Entries members chose to share from their private journals. Each is a copy from the moment it was shared."
    >
      {reflections.isPending ? (
        <p className="muted">Loading reflections…</p>
      ) : reflections.error ? (
        <p className="form-alert" role="alert">
          The reflections could not be loaded. Reload the page to try again.
        </p>
      ) : reflections.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            Nothing has been shared yet. Journals are private; when someone shares an entry with
            this cohort, a copy of it appears here.
          </p>
        </div>
      ) : (
        <ul className="reflection-list" aria-label="Shared reflections">
          {reflections.data.map((reflection) => (
            <li key={reflection.entryId}>
              <article className="card reflection">
                <h2 className="reflection__title">{entryTitle(reflection)}</h2>
                <p className="reflection__meta muted">
                  {reflection.author.displayName}, shared{' '}
                  {formatMomentDay(reflection.sharedAt, timezone)}
                </p>
                <ReflectionText body={reflection.body} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
