import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { may } from '../../features/cohorts/api.ts';
import { InvitationList } from '../../features/cohorts/invitation-list.tsx';
import { InviteForm } from '../../features/cohorts/invite-form.tsx';
import { InviteResults } from '../../features/cohorts/invite-results.tsx';
import { NotAllowed } from '../../features/cohorts/not-allowed.tsx';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { InviteResponse } from '../../features/cohorts/types.ts';
import { Page } from '../../ui/page.tsx';

export function InvitationsPage() {
  const cohort = useCohortSpace();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const [response, setResponse] = useState<InviteResponse | null>(null);
  const [shown, setShown] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  // After each submit, take the person to the results, so they hear the summary next.
  useEffect(() => {
    if (shown > 0) resultsHeading.current?.focus();
  }, [shown]);

  if (!may(cohort, 'invitations.manage')) {
    return <NotAllowed cohort={cohort} title="Invitations" />;
  }

  return (
    <Page
      title="Invitations"
      documentTitle={`Invitations – ${cohort.name}`}
      section
      lead="Each person gets their own link to join. It works once, for 14 days."
    >
      {justCreated ? (
        <p className="banner banner--success">
          <strong>{cohort.name} is ready.</strong> Now invite its facilitators and participants.
        </p>
      ) : null}
      <section className="card section" aria-labelledby="invite-people">
        <h2 id="invite-people" className="section__title">
          Invite people
        </h2>
        <InviteForm
          cohort={cohort}
          onResults={(next) => {
            setResponse(next);
            setShown((n) => n + 1);
          }}
        />
      </section>
      {response ? <InviteResults response={response} headingRef={resultsHeading} /> : null}
      <section className="section" aria-labelledby="invitations-so-far">
        <h2 id="invitations-so-far" className="section__title">
          Invitations so far
        </h2>
        <InvitationList cohort={cohort} />
      </section>
    </Page>
  );
}
