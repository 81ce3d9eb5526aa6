import { Link, useLocation } from 'react-router';
import { SignInForm } from '../features/accounts/sign-in-form.tsx';
import { Card } from '../ui/card.tsx';
import { Page } from '../ui/page.tsx';

export function SignInPage() {
  // Keeps ?next= when switching between signing in and creating an account.
  const location = useLocation();
  return (
    <Page
      title="Sign in to Colab"
      width="narrow"
      lead="Welcome back. Sign in to reach your cohort."
    >
      <Card>
        <SignInForm />
      </Card>
      <p className="auth-switch">
        New to Colab?{' '}
        <Link to={{ pathname: '/sign-up', search: location.search }}>Create an account</Link>
      </p>
    </Page>
  );
}
