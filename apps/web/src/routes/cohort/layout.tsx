import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { may, useCohort } from '../../features/cohorts/api.ts';
import { HereNow } from '../../features/cohorts/here-now.tsx';
import { useMoveAwayWhenRemoved } from '../../features/cohorts/removal.ts';
import { presencePageOf, useCohortPresence } from '../../realtime/presence.ts';
import { Page } from '../../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';

/**
 * The frame of a cohort's space: its name and theme, the cohort's own navigation (only what
 * the person may use), and a banner when it is archived.
 */
export function CohortLayout() {
  const { cohortId = '' } = useParams();
  const query = useCohort(cohortId);
  const { pathname } = useLocation();
  const people = useCohortPresence(cohortId, presencePageOf(pathname, cohortId));
  useMoveAwayWhenRemoved(cohortId, query.data?.name);
  // On a phone the cohort's links fold behind one button. It is open for the page it was
  // opened on, so following a link folds it again without a render of it still open.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;

  if (query.isPending) return <LoadingScreen />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <Page title="Cohort not found" width="narrow">
          <p>
            We could not find this cohort. You may no longer be a member of it, or the link may be
            wrong.
          </p>
          <p>
            <Link to="/">Go to your cohorts</Link>
          </p>
        </Page>
      );
    }
    return (
      <ErrorScreen
        message="This cohort could not be loaded. Check your connection, then try again."
        onRetry={() => void query.refetch()}
      />
    );
  }

  const cohort = query.data;
  const base = `/cohorts/${cohort.id}`;
  const about = [cohort.programme, cohort.theme].filter(Boolean).join(' · ');
  const links = [
    { to: base, label: 'Home', end: true, show: true },
    { to: `${base}/boards`, label: 'Boards', show: may(cohort, 'boards.view') },
    { to: `${base}/reflections`, label: 'Reflections', show: may(cohort, 'reflections.view') },
    { to: `${base}/sets`, label: 'Sets', show: may(cohort, 'sets.view') },
    { to: `${base}/groups`, label: 'Groups', show: true },
    { to: `${base}/showcase`, label: 'Showcase', show: true },
    { to: `${base}/calendar`, label: 'Calendar', show: true },
    { to: `${base}/members`, label: 'Members', show: true },
    { to: `${base}/search`, label: 'Search', show: true },
    { to: `${base}/invitations`, label: 'Invitations', show: may(cohort, 'invitations.manage') },
    {
      to: `${base}/settings`,
      label: 'Settings',
      show: may(cohort, 'cohort.edit') || may(cohort, 'cohort.archive'),
    },
    { to: `${base}/activity`, label: 'Activity log', show: may(cohort, 'audit.view') },
  ].filter((link) => link.show);
  const here = links
    .filter((link) => (link.end ? pathname === link.to : pathname.startsWith(link.to)))
    .sort((a, b) => b.to.length - a.to.length)[0];

  return (
    <div className="cohort-space">
      <div className="cohort-header">
        <p className="cohort-header__name">{cohort.name}</p>
        {about ? <p className="cohort-header__about">{about}</p> : null}
        <HereNow people={people} />
      </div>
      <nav aria-label="Cohort" className="cohort-nav">
        <Button
          className="button button--quiet cohort-nav__toggle"
          aria-expanded={menuOpen}
          aria-controls="cohort-nav-list"
          onPress={() => setOpenOn(menuOpen ? null : pathname)}
        >
          {here ? `Cohort menu: ${here.label}` : 'Cohort menu'}
        </Button>
        <ul
          id="cohort-nav-list"
          className="cohort-nav__list"
          data-open={menuOpen ? 'true' : undefined}
        >
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} className="cohort-nav__link">
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {cohort.archived ? (
        <p className="banner banner--archived">
          <strong>This cohort is archived and read-only.</strong> You can look back at everything in
          it, but nothing can be added or changed.
        </p>
      ) : null}
      <Outlet context={cohort} />
    </div>
  );
}
