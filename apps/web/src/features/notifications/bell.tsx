import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { Link } from 'react-router';
import { describeError } from '../../api/form-errors.ts';
import { useLiveNotifications, useMarkRead, useNotifications } from './api.ts';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The bell in the header: unread count live, the latest notifications a click away. */
export function NotificationBell() {
  const list = useNotifications();
  const markRead = useMarkRead();
  const latest = useLiveNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <>
      <DialogTrigger>
        <Button
          className="button button--quiet notification-bell"
          aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path
              fill="currentColor"
              d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            />
          </svg>
          {unread ? (
            <span className="notification-bell__badge" data-testid="unread-count">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </Button>
        <Popover className="popover notification-panel" placement="bottom end" offset={6}>
          <Dialog className="notification-panel__dialog" aria-label="Notifications">
            {({ close }) => (
              <>
                <div className="notification-panel__head">
                  <Heading slot="title" className="notification-panel__title">
                    Notifications
                  </Heading>
                  {unread ? (
                    <Button
                      className="button button--small"
                      isPending={markRead.isPending}
                      onPress={() => markRead.mutate(undefined)}
                    >
                      Mark all read
                    </Button>
                  ) : null}
                </div>
                {list.isPending ? (
                  <p className="muted">Loading…</p>
                ) : list.error ? (
                  <p role="alert">{describeError(list.error).message}</p>
                ) : list.data.notifications.length === 0 ? (
                  <p className="muted">
                    Nothing yet. Mentions, new prompts, meetings and showcase news appear here.
                  </p>
                ) : (
                  <ul className="notification-panel__list">
                    {list.data.notifications.map((n) => (
                      <li key={n.id} className={n.read ? '' : 'notification--unread'}>
                        {n.link ? (
                          <Link
                            to={n.link}
                            onClick={() => {
                              if (!n.read) markRead.mutate([n.id]);
                              close();
                            }}
                          >
                            {n.title}
                          </Link>
                        ) : (
                          <span>{n.title}</span>
                        )}
                        <span className="muted notification__when">
                          {n.read ? '' : 'New · '}
                          {when(n.createdAt)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                <p className="notification-panel__foot">
                  <Link to="/profile#notifications" onClick={close}>
                    Notification settings
                  </Link>
                </p>
              </>
            )}
          </Dialog>
        </Popover>
      </DialogTrigger>
      <p className="visually-hidden" aria-live="polite">
        {latest}
      </p>
    </>
  );
}
