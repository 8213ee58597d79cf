import { useLiveNotifications } from '../notifications/live';

/** The bell in the header: the unread count, kept live by the notifications WebSocket stream. */
export function NotificationBell() {
  const { unread } = useLiveNotifications();
  const label = unread === null ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <a href="/notifications" class="bell" aria-label={label}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread !== null && unread > 0 && <span class="badge" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
    </a>
  );
}
