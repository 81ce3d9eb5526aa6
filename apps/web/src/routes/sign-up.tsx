import { Link, useLocation } from 'react-router';
import { SignUpForm } from '../features/accounts/sign-up-form.tsx';
import { Card } from '../ui/card.tsx';
import { Page } from '../ui/page.tsx';

export function SignUpPage() {
  // Keeps ?next= when switching between signing in and creating an account.
  const location = useLocation();
  return (
    <Page
      title="Create your account"
      width="narrow"
      lead="You will use this account to take part in your co-lab cohort."
    >
      <Card>
        <SignUpForm />
      </Card>
      <p className="auth-switch">
        Already have an account?{' '}
        <Link to={{ pathname: '/sign-in', search: location.search }}>Sign in</Link>
      </p>
    </Page>
  );
}
