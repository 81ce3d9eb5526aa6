import { Navigate, Outlet } from 'react-router';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';
import { CurrentPersonContext } from './current-person.ts';
import { useMe } from './hooks.ts';

function useSession() {
  const me = useMe();
  if (me.data !== undefined) return { person: me.data } as const;
  if (me.error) {
    return {
      blocked: (
        <ErrorScreen
          title="Colab is not answering"
          message="We could not check whether you are signed in. Check your connection, then try again."
          onRetry={() => void me.refetch()}
        />
      ),
    } as const;
  }
  return { blocked: <LoadingScreen /> } as const;
}

/** Pages for signed-in people: anyone else goes to the sign-in page. */
export function SignedInOnly() {
  const session = useSession();
  if ('blocked' in session) {
    // No app shell yet, so give the message its own main landmark.
    return (
      <main id="main" tabIndex={-1} className="site-main">
        {session.blocked}
      </main>
    );
  }
  if (!session.person) return <Navigate to="/sign-in" replace />;
  return (
    <CurrentPersonContext value={session.person}>
      <Outlet />
    </CurrentPersonContext>
  );
}

/** The sign-in and sign-up pages: someone already signed in goes home. */
export function SignedOutOnly() {
  const session = useSession();
  if ('blocked' in session) return session.blocked;
  return session.person ? <Navigate to="/" replace /> : <Outlet />;
}
