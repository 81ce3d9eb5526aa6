import { Button } from 'react-aria-components';
import { Link, NavLink, Outlet } from 'react-router';
import { useCurrentPerson } from '../features/accounts/current-person.ts';
import { useSignOut } from '../features/accounts/hooks.ts';
import { NotificationBell } from '../features/notifications/bell.tsx';
import { Brand } from './logo.tsx';
import { SkipLink } from './skip-link.tsx';
import { SiteFooter } from './theme-toggle.tsx';

/** The frame of every signed-in page: brand, main navigation, who is signed in, sign out. */
export function AppShell() {
  const person = useCurrentPerson();
  const signOut = useSignOut();

  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner app-header">
          <Link to="/" className="brand-link app-header__brand">
            <Brand />
          </Link>
          <nav aria-label="Main" className="app-header__nav">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end className="nav-link">
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/journal" className="nav-link">
                  Journal
                </NavLink>
              </li>
            </ul>
          </nav>
          <NotificationBell />
          <div className="app-header__name account">
            <span className="account-name" title={person.name}>
              <span className="visually-hidden">Signed in as </span>
              {person.name}
            </span>
            <NavLink to="/profile" className="account__profile">
              Profile
            </NavLink>
          </div>
          <Button
            className="button button--quiet app-header__sign-out"
            isPending={signOut.isPending}
            onPress={() => signOut.mutate()}
          >
            Sign out
          </Button>
        </div>
        <div role="alert" className="app-header__alert">
          {signOut.isError ? (
            <p className="form-alert">
              We could not sign you out. Check your connection and try again.
            </p>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
