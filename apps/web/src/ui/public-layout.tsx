import { Link, Outlet } from 'react-router';
import { Brand } from './logo.tsx';
import { SkipLink } from './skip-link.tsx';
import { SiteFooter } from './theme-toggle.tsx';

/** The frame of pages seen before signing in: the brand, then one narrow column. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand-link">
            <Brand />
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main site-main--public">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
