import { useEffect, useState } from 'preact/hooks';
import { inbox, type Notification } from '../api/api';
import { messageOf } from '../api/problem';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { pageOf } from '../notifications/links';
import { useLiveNotifications } from '../notifications/live';
import { formatDateTime } from '../time';

function NotificationItem({ notification, zone, onRead }: { notification: Notification; zone: string; onRead(): void }) {
  const page = pageOf(notification.link);
  const unread = !notification.readAt;
  return (
    <li class={`card notification ${unread ? 'unread' : ''}`}>
      <h2>{page ? <a href={page}>{notification.title}</a> : notification.title}</h2>
      <p>{notification.body}</p>
      <p class="meta">
        {unread ? <strong>Unread</strong> : 'Read'} · {formatDateTime(notification.createdAt!, zone)}
      </p>
      {unread && (
        <button type="button" class="secondary" aria-label={`Mark as read: ${notification.title}`} onClick={onRead}>
          Mark as read
        </button>
      )}
    </li>
  );
}

function Inbox() {
  const { account } = useAuth();
  const { latest } = useLiveNotifications();
  const [items, setItems] = useState<Notification[] | undefined>();
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [error, setError] = useState<string>();

  /** The first page again (after a change or a new notification), or the page after `cursor`. */
  const load = async (cursor?: string) => {
    setError(undefined);
    try {
      const page = await inbox.list(cursor);
      setItems((shown) => [...(cursor && shown ? shown : []), ...(page.items ?? [])]);
      setNextCursor(page.nextCursor ?? undefined);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  useEffect(() => { void load(); }, [latest?.id]);

  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <>
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="notifications" />}
      {items?.length === 0 && <p class="empty">Nothing yet. You will hear here when something happens in your groups.</p>}
      {items?.some((n) => !n.readAt) && (
        <button type="button" class="secondary" onClick={() => act(inbox.readAll)}>Mark all as read</button>
      )}
      {items && items.length > 0 && (
        <ul class="cards" aria-label="Notifications">
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} zone={account!.timeZone ?? 'UTC'}
              onRead={() => act(() => inbox.markRead(notification.id!))} />
          ))}
        </ul>
      )}
      {nextCursor && <button type="button" class="secondary" onClick={() => load(nextCursor)}>Show older notifications</button>}
    </>
  );
}

export default function NotificationsPage() {
  return (
    <RequireLogin>
      <Page title="Notifications" actions={<a class="button secondary" href="/notifications/preferences">Preferences</a>}><Inbox /></Page>
    </RequireLogin>
  );
}
