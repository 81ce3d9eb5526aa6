import { Button } from 'react-aria-components';

/** Shown while the app finds out who is signed in; it appears only if that takes a moment. */
export function LoadingScreen() {
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      <span>Loading…</span>
    </div>
  );
}

/** A calm full-page message when something could not load, with a way to try again. */
export function ErrorScreen({
  title = 'Something went wrong',
  message,
  onRetry,
  headingLevel = 1,
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
  /** 2 when shown inside a page that already has its h1. */
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className="error-screen">
      <Heading className={headingLevel === 1 ? 'page__title' : 'error-screen__title'}>
        {title}
      </Heading>
      <p role="alert">{message}</p>
      {onRetry ? (
        <Button className="button button--primary" onPress={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
