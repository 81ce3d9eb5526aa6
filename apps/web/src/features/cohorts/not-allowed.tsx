import { Link } from 'react-router';
import { Page } from '../../ui/page.tsx';
import type { Cohort } from './types.ts';

/** Shown instead of a page of a cohort that this person cannot use (now). */
export function NotAllowed({
  cohort,
  title,
  reason = 'This page is for the people who run this cohort.',
}: {
  cohort: Cohort;
  title: string;
  /** Why this person's role does not see the page (the archived cohort says so itself). */
  reason?: string;
}) {
  return (
    <Page title={title} documentTitle={`${title} – ${cohort.name}`} section>
      <p>{cohort.archived ? 'This cohort is archived, so this page is closed.' : reason}</p>
      <p>
        <Link to={`/cohorts/${cohort.id}`}>Go to the cohort home</Link>
      </p>
    </Page>
  );
}
