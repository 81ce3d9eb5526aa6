import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { may, useAudit, useMembers } from '../../features/cohorts/api.ts';
import { describeAction, nameFinder } from '../../features/cohorts/audit-text.ts';
import { formatMoment } from '../../features/cohorts/dates.ts';
import { NotAllowed } from '../../features/cohorts/not-allowed.tsx';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { Page } from '../../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';

export function ActivityPage() {
  const cohort = useCohortSpace();
  const allowed = may(cohort, 'audit.view');
  const person = useCurrentPerson();
  const audit = useAudit(cohort.id, allowed);
  const members = useMembers(cohort.id);

  if (!allowed) return <NotAllowed cohort={cohort} title="Activity log" />;

  const nameOf = nameFinder(members.data, person, audit.data);
  return (
    <Page
      title="Activity log"
      documentTitle={`Activity log – ${cohort.name}`}
      section
      lead="Who joined, left or changed role, what changed in the settings, and every invitation: newest first."
    >
      {audit.isPending ? (
        <LoadingScreen />
      ) : audit.error ? (
        <ErrorScreen
          title="The activity log could not be loaded"
          message="Check your connection, then try again."
          onRetry={() => void audit.refetch()}
          headingLevel={2}
        />
      ) : audit.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            Nothing has happened yet. Joins, role changes and other changes to the cohort will be
            listed here as people are invited and the cohort gets going.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data-table data-table--stack">
            <caption className="visually-hidden">Activity, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((event) => (
                <tr key={event.id}>
                  <td data-label="When" className="data-table__when">
                    <time dateTime={event.createdAt}>
                      {formatMoment(event.createdAt, person.timezone)}
                    </time>
                  </td>
                  <td data-label="Who">{capitalise(nameOf(event.actorId))}</td>
                  <td data-label="What">{capitalise(describeAction(event, nameOf))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
