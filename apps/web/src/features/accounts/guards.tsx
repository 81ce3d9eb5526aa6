import { useEffect, useMemo, useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';
import { CurrentPersonContext, withViewerZone } from './current-person.ts';
import { useMe } from './hooks.ts';
import { safeNextPath, signInPathFor } from './next-path.ts';

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

/**
 * Pages for signed-in people: anyone else goes to the sign-in page, which brings them back
 * here afterwards. Someone who has just signed out goes to a plain sign-in page.
 */
export function SignedInOnly() {
  const session = useSession();
  const location = useLocation();
  const hadPerson = useRef(false);
  const person = 'person' in session ? session.person : undefined;
  useEffect(() => {
    if (person) hadPerson.current = true;
  }, [person]);
  const viewer = useMemo(() => (person ? withViewerZone(person) : null), [person]);
  if ('blocked' in session) {
    // No app shell yet, so give the message its own main landmark.
    return (
      <main id="main" tabIndex={-1} className="site-main">
        {session.blocked}
      </main>
    );
  }
  if (!session.person) {
    const to = hadPerson.current ? '/sign-in' : signInPathFor(location.pathname + location.search);
    return <Navigate to={to} replace />;
  }
  return (
    <CurrentPersonContext value={viewer}>
      <Outlet />
    </CurrentPersonContext>
  );
}

/** The sign-in and sign-up pages: someone signed in goes on to `?next=`, or home. */
export function SignedOutOnly() {
  const session = useSession();
  const location = useLocation();
  if ('blocked' in session) return session.blocked;
  return session.person ? (
    <Navigate to={safeNextPath(location.search) ?? '/'} replace />
  ) : (
    <Outlet />
  );
}
