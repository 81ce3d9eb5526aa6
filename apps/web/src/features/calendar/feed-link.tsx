import { Button } from 'react-aria-components';
import { CopyLink } from '../../ui/copy-link.tsx';
import { useCalendarFeed } from './api.ts';

/** The person's secret calendar feed, to subscribe to in Outlook, Google or Apple Calendar. */
export function FeedLink() {
  const { feed, rotate } = useCalendarFeed();
  return (
    <section className="section card" aria-labelledby="calendar-feed">
      <h2 id="calendar-feed" className="section__title">
        Subscribe in your calendar app
      </h2>
      <p>
        This link brings your set’s meetings and your cohorts’ events into Outlook, Google or Apple
        Calendar, and keeps them up to date. It is yours alone: anyone with it can see what is on
        your calendar here.
      </p>
      {feed.data ? (
        <CopyLink link={feed.data.url} who="you" label="Your calendar feed link" />
      ) : null}
      {feed.error ? <p role="alert">Your feed link could not be loaded.</p> : null}
      <p>
        <Button
          className="button button--quiet button--small"
          isPending={rotate.isPending}
          onPress={() => rotate.mutate()}
        >
          Make a new link
        </Button>{' '}
        <span className="muted">The old link stops working at once.</span>
      </p>
      <div role="status">
        {rotate.isSuccess ? (
          <p className="muted">A new link is ready; the old one no longer works.</p>
        ) : null}
      </div>
    </section>
  );
}
