import { Link, useLocation } from 'react-router';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { ROLE_LABELS, useCohortList } from '../features/cohorts/api.ts';
import { formatDateRange } from '../features/cohorts/dates.ts';
import type { CohortSummary } from '../features/cohorts/types.ts';
import { Badge } from '../ui/badge.tsx';
import { EmptyState } from '../ui/card.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';

export function HomePage() {
  const person = useCurrentPerson();
  const list = useCohortList();
  const state = useLocation().state as { left?: string; removed?: string } | null;
  const left = state?.left;
  const removed = state?.removed;

  return (
    <Page title="Your cohorts" lead={`Welcome, ${person.name}.`}>
      <div role="status">
        {left ? <p className="banner banner--success">You have left {left}.</p> : null}
        {removed ? <p className="banner">You are no longer a member of {removed}.</p> : null}
      </div>
      {list.isPending ? (
        <LoadingScreen />
      ) : list.error ? (
        <ErrorScreen
          title="Your cohorts could not be loaded"
          message="Check your connection, then try again."
          onRetry={() => void list.refetch()}
          headingLevel={2}
        />
      ) : list.data.cohorts.length === 0 ? (
        <NoCohorts canCreate={list.data.canCreate} isAdmin={person.isInstanceAdmin} />
      ) : (
        <>
          {list.data.canCreate ? (
            <p className="page-actions">
              <Link to="/cohorts/new" className="button button--primary">
                Create a cohort
              </Link>
            </p>
          ) : null}
          <ul className="cohort-grid" aria-label="Your cohorts">
            {list.data.cohorts.map((cohort) => (
              <li key={cohort.id}>
                <CohortCard cohort={cohort} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function NoCohorts({ canCreate, isAdmin }: { canCreate: boolean; isAdmin: boolean }) {
  return (
    <EmptyState title="No cohorts yet" icon={<CohortsIcon />}>
      {canCreate ? null : (
        <p>
          A facilitator will invite you when your cohort is ready. It will appear here, and there is
          nothing you need to do until then.
        </p>
      )}
      {canCreate ? (
        <div className="note">
          <p>
            <strong>{isAdmin ? 'You look after this Colab.' : 'You lead a programme here.'}</strong>{' '}
            Three steps to get a cohort going:
          </p>
          <ol className="steps">
            <li>Create the cohort: its name, dates and time zone.</li>
            <li>Invite its facilitators, participants and sponsors by email.</li>
            <li>Open its first reflection board, and form its action learning sets.</li>
          </ol>
          <p>
            <Link to="/cohorts/new" className="button button--primary">
              Create a cohort
            </Link>
          </p>
        </div>
      ) : null}
    </EmptyState>
  );
}

function CohortCard({ cohort }: { cohort: CohortSummary }) {
  const about = [cohort.programme, cohort.theme].filter(Boolean).join(' · ');
  return (
    <article className={cohort.archived ? 'cohort-card cohort-card--archived' : 'cohort-card'}>
      <h2 className="cohort-card__title">
        <Link to={`/cohorts/${cohort.id}`} className="cohort-card__link">
          {cohort.name}
        </Link>
      </h2>
      {about ? <p className="cohort-card__about">{about}</p> : null}
      <p className="cohort-card__dates">{formatDateRange(cohort.startsOn, cohort.endsOn)}</p>
      <p className="cohort-card__meta">
        {cohort.myRole ? <Badge tone="info">{ROLE_LABELS[cohort.myRole]}</Badge> : null}
        {cohort.archived ? <Badge tone="warning">Archived</Badge> : null}
        <span>
          {cohort.memberCount} {cohort.memberCount === 1 ? 'member' : 'members'}
        </span>
      </p>
    </article>
  );
}

function CohortsIcon() {
  return (
    <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
      <circle cx="17" cy="20" r="7" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <circle cx="31" cy="20" r="7" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path
        d="M6 40c1.5-6 6-9 11-9s9.5 3 11 9M20 40c1.5-6 6-9 11-9s9.5 3 11 9"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
