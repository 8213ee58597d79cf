import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { inbox, type Notification } from '../api/api';
import { openNotificationStream } from './stream';

interface Live {
  /** The unread count; `null` until the stream has sent it. */
  unread: number | null;
  /** The newest notification pushed since the page loaded. */
  latest: Notification | null;
}

const LiveContext = createContext<Live>({ unread: null, latest: null });

/** One notification stream for the whole app (the server allows five per person), while logged in. */
export function LiveNotifications({ loggedIn, children }: { loggedIn: boolean; children: ComponentChildren }) {
  const [live, setLive] = useState<Live>({ unread: null, latest: null });
  useEffect(() => {
    setLive({ unread: null, latest: null });
    if (!loggedIn) return undefined;
    return openNotificationStream({
      ticket: async () => (await inbox.streamTicket()).ticket,
      onMessage: (message) => setLive((current) => (message.type === 'unread-count'
        ? { ...current, unread: message.count }
        : { ...current, latest: message.notification })),
    });
  }, [loggedIn]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export const useLiveNotifications = () => useContext(LiveContext);
