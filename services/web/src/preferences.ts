import type { Channel } from './api/api';

/** What each notification type is about, as a person reads it; a type the app does not know yet shows its key. */
const typeLabels: Record<string, string> = {
  'session.scheduled': 'A session is scheduled',
  'session.rescheduled': 'A session is rescheduled',
  'session.cancelled': 'A session is cancelled',
  'session.reminder': 'A session you go to is about to start',
  'session.waitlist-promoted': 'You get a place from the waiting list',
  'solution.posted': 'A solution is posted',
  'solution.accepted': 'Your solution is accepted',
  'comment.added': 'A comment, or a mention of you',
  'note.posted': 'A note is posted',
  'group.member-joined': 'Someone joins a group',
  'poll.opened': 'A poll asks when you can meet',
  'poll.reminder': 'A poll you have not answered closes soon',
  'poll.closed': 'A poll sets the time of a session',
  'session.catch-up': 'What came while you were in a session',
  'session.recap': 'The recap of a session you went to',
  'session.your-turn': 'Your turn to drive in a mob session',
  'webhook.disabled': 'A group webhook is turned off',
};

export const typeLabel = (type: string) => typeLabels[type] ?? type;

export const channelLabels: Record<Channel, string> = {
  IN_APP: 'In the app',
  EMAIL: 'In the app and by e-mail',
  OFF: 'Off',
};

/** `60, 10` → `[60, 10]`; `undefined` when some part is not a whole number of minutes. */
export function parseLeadMinutes(text: string): number[] | undefined {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  return parts.every((part) => /^\d+$/.test(part)) ? parts.map(Number) : undefined;
}
