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
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
}) {
  return (
    <div className="error-screen">
      <h1 className="page__title">{title}</h1>
      <p role="alert">{message}</p>
      {onRetry ? (
        <Button className="button button--primary" onPress={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
