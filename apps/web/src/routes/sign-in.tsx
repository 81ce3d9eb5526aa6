import { Link } from 'react-router';
import { SignInForm } from '../features/accounts/sign-in-form.tsx';
import { Card } from '../ui/card.tsx';
import { Page } from '../ui/page.tsx';

export function SignInPage() {
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
        New to Colab? <Link to="/sign-up">Create an account</Link>
      </p>
    </Page>
  );
}
