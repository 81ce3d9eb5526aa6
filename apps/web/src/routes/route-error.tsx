import { useRouteError } from 'react-router';
import { ErrorScreen } from '../ui/status.tsx';

/** Shown instead of a page that failed to load or crashed. */
export function RouteErrorPage() {
  const error = useRouteError();
  // After a new version is deployed, the old page's lazily loaded code may be gone.
  const staleCode =
    error instanceof TypeError && /dynamically imported module|import/i.test(error.message);
  return (
    <main id="main" className="site-main site-main--public">
      <ErrorScreen
        message={
          staleCode
            ? 'Colab has been updated since you opened this page. Reload to carry on.'
            : 'This page could not be shown. Reloading usually helps.'
        }
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
