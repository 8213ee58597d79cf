import type { Notification } from '../api/api';

/** What the notifications WebSocket sends (described on POST /api/v1/notifications/stream-ticket). */
export type StreamMessage =
  | { type: 'notification'; notification: Notification }
  | { type: 'unread-count'; count: number };

export function parseStreamMessage(text: string): StreamMessage | null {
  try {
    const message = JSON.parse(text) as Partial<StreamMessage> & Record<string, unknown>;
    if (message.type === 'unread-count' && typeof message.count === 'number') return { type: 'unread-count', count: message.count };
    if (message.type === 'notification' && typeof message.notification === 'object' && message.notification !== null) {
      return { type: 'notification', notification: message.notification as Notification };
    }
    return null;
  } catch {
    return null;
  }
}

/** Close codes the server ends a stream with (notifications README). */
const TOO_MANY_STREAMS = 4001;
const LOGIN_ENDED = 4003;
const MEMBERSHIP_CHANGED = 4004;

/** How long to wait before reconnecting after a close; `null`: do not reconnect. */
export function reconnectDelay(closeCode: number, failures: number): number | null {
  if (closeCode === LOGIN_ENDED || closeCode === TOO_MANY_STREAMS) return null;
  if (closeCode === MEMBERSHIP_CHANGED) return 0;
  return Math.min(30_000, 1000 * 2 ** failures);
}

/**
 * Remembers the last `limit` notification ids: true the first time an id is seen. A replay after a
 * reconnect also sends what was made shortly before the last one seen (it may have committed later),
 * so some arrive again.
 */
export function firstSighting(limit = 500): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > limit) seen.delete(seen.values().next().value as string);
    return true;
  };
}

export interface StreamOptions {
  /** A one-use ticket for the upgrade (POST /api/v1/notifications/stream-ticket). */
  ticket(): Promise<string | undefined>;
  onMessage(message: StreamMessage): void;
}

/**
 * Keeps the caller's notification stream open: trades the bearer token for a one-use ticket,
 * reconnects with `after` = the last notification seen, so nothing is missed in between, and drops
 * notifications the replay sends again.
 * Returns a function that closes it for good.
 */
export function openNotificationStream({ ticket: takeTicket, onMessage }: StreamOptions): () => void {
  let socket: WebSocket | null = null;
  let lastSeenId: string | undefined;
  const isNew = firstSighting();
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const retry = (closeCode: number) => {
    const delay = reconnectDelay(closeCode, failures);
    failures += 1;
    if (delay !== null && !stopped) timer = setTimeout(connect, delay);
  };

  async function connect() {
    let ticket: string | undefined;
    try {
      ticket = await takeTicket();
    } catch {
      retry(0);
      return;
    }
    if (stopped || !ticket) return;
    const url = new URL('/api/v1/notifications/stream', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    if (lastSeenId) url.searchParams.set('after', lastSeenId);
    socket = new WebSocket(url);
    socket.onopen = () => { failures = 0; };
    socket.onmessage = (event) => {
      const message = parseStreamMessage(String(event.data));
      if (!message) return;
      if (message.type === 'notification' && message.notification.id) {
        if (!isNew(message.notification.id)) return;
        lastSeenId = message.notification.id;
      }
      onMessage(message);
    };
    socket.onclose = (event) => {
      socket = null;
      retry(event.code);
    };
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
