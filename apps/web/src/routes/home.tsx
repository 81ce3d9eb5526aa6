import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { EmptyState } from '../ui/card.tsx';
import { Page } from '../ui/page.tsx';

export function HomePage() {
  const person = useCurrentPerson();
  return (
    <Page title="Your cohorts" lead={`Welcome, ${person.name}.`}>
      <EmptyState title="No cohorts yet" icon={<CohortsIcon />}>
        <p>
          A facilitator will invite you when your cohort is ready. It will appear here, and there is
          nothing you need to do until then.
        </p>
        {person.isInstanceAdmin ? (
          <p className="note">
            <strong>You look after this Colab.</strong> Creating cohorts is coming soon. Until then,
            there is nothing more to set up.
          </p>
        ) : null}
      </EmptyState>
    </Page>
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
