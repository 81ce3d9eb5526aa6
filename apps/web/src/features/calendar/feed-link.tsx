import { Button } from 'react-aria-components';
import { CopyLink } from '../../ui/copy-link.tsx';
import { useCalendarFeed } from './api.ts';

/** The person's secret calendar feed, to subscribe to in Outlook, Google or Apple Calendar. */
export function FeedLink() {
  const { feed, rotate } = useCalendarFeed();
  const exists = feed.data?.exists ?? false;
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
      {rotate.data ? (
        <>
          <CopyLink link={rotate.data.url} who="you" label="Your calendar feed link" />
          <p className="muted">
            Copy it now: for your safety Colab keeps no readable copy, so it is shown only once.
          </p>
        </>
      ) : exists ? (
        <p className="muted">
          You made a feed link on {new Date(feed.data?.createdAt ?? '').toLocaleDateString()}. It is
          shown only when made; if you have lost it, make a new one.
        </p>
      ) : null}
      {feed.error ? <p role="alert">Your feed link could not be loaded.</p> : null}
      {rotate.error ? <p role="alert">A feed link could not be made. Please try again.</p> : null}
      {feed.data ? (
        <p>
          <Button
            className="button button--quiet button--small"
            isPending={rotate.isPending}
            onPress={() => rotate.mutate()}
          >
            {exists ? 'Make a new link' : 'Make my feed link'}
          </Button>{' '}
          {exists ? <span className="muted">The old link stops working at once.</span> : null}
        </p>
      ) : null}
      <div role="status">
        {rotate.isSuccess && exists ? (
          <p className="muted">A new link is ready; any earlier one no longer works.</p>
        ) : null}
      </div>
    </section>
  );
}
