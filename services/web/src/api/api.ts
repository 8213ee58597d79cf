// Every call the app makes, typed from the generated OpenAPI types.
import type { components as IdentityTypes } from './generated/identity';
import type { components as SessionsTypes } from './generated/sessions';
import type { components as NotificationsTypes } from './generated/notifications';
import type { components as NotesTypes } from './generated/notes';
import { identity, notes, notifications, publicIdentity, sessions, tokens, unwrap } from './client';
import { toApiError } from './problem';

export type Account = IdentityTypes['schemas']['AccountView'];
export type Registration = IdentityTypes['schemas']['Register'];
export type Credentials = IdentityTypes['schemas']['Login'];
export type Group = SessionsTypes['schemas']['GroupView'];
export type NewGroup = SessionsTypes['schemas']['CreateGroup'];
export type Member = SessionsTypes['schemas']['MemberView'];
export type Role = SessionsTypes['schemas']['Role'];
export type Session = SessionsTypes['schemas']['SessionView'];
export type NewSession = SessionsTypes['schemas']['ScheduleSession'];
export type Occurrence = SessionsTypes['schemas']['OccurrenceView'];
export type Rsvp = SessionsTypes['schemas']['RsvpView'];
// Enums are named from the views that use them: the generator numbers enums that share a Java name
// (`Status`, `Status1`) in an order that changes as the API grows.
export type RsvpStatus = NonNullable<Rsvp['status']>;
export type Poll = SessionsTypes['schemas']['PollView'];
export type PollSlot = SessionsTypes['schemas']['SlotView'];
export type PollStatus = NonNullable<Poll['status']>;
export type NewPoll = SessionsTypes['schemas']['CreatePoll'];
export type PollAnswers = SessionsTypes['schemas']['AnswerPoll'];
export type PollAnswer = PollAnswers['answers'][number]['answer'];
export type PollClosing = SessionsTypes['schemas']['ClosePoll'];
export type Notification = NotificationsTypes['schemas']['Notification'];
export type Preferences = NotificationsTypes['schemas']['PreferencesView'];
export type Channel = NotificationsTypes['schemas']['Channel'];
export type Digest = NotificationsTypes['schemas']['Digest'];
export type Note = NotesTypes['schemas']['NoteView'];
export type NoteSummary = NotesTypes['schemas']['NoteSummary'];
export type NewNote = NotesTypes['schemas']['CreateNote'];
export type NoteChange = NotesTypes['schemas']['UpdateNote'];
export type CodingProblem = NotesTypes['schemas']['ProblemView'];
export type NewProblem = NotesTypes['schemas']['CreateProblem'];
export type Solution = NotesTypes['schemas']['SolutionView'];
export type NewSolution = NotesTypes['schemas']['PostSolution'];
export type Comment = NotesTypes['schemas']['CommentView'];
export type Invite = SessionsTypes['schemas']['InviteView'];
export type PairingProfile = SessionsTypes['schemas']['ProfileView'];
export type NewPairingProfile = SessionsTypes['schemas']['SetProfile'];
export type FreeTime = SessionsTypes['schemas']['FreeTime'];
export type Weekday = FreeTime['day'];
export type SessionFormat = SessionsTypes['schemas']['FormatView'];
export type FormatKind = NonNullable<SessionFormat['format']>;
export type Pairs = SessionsTypes['schemas']['PairsView'];
export type Paired = NonNullable<Pairs['groups']>[number][number];
export type Rotation = SessionsTypes['schemas']['RotationView'];
export type DriveTurn = NonNullable<Rotation['turns']>[number];
export type Recap = NotificationsTypes['schemas']['RecapView'];
export type Webhook = NotificationsTypes['schemas']['WebhookView'];
export type NewWebhook = NotificationsTypes['schemas']['CreateWebhook'];
export type WebhookFormat = NonNullable<Webhook['format']>;

async function signIn(call: ReturnType<typeof publicIdentity.POST>): Promise<Account> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error, response.headers.get('Retry-After'));
  const body = data as IdentityTypes['schemas']['TokenResponse'];
  tokens.save({ accessToken: body.accessToken!, refreshToken: body.refreshToken! });
  return body.user!;
}

export const auth = {
  register: (body: Registration) => signIn(publicIdentity.POST('/api/v1/auth/register', { body })),
  login: (body: Credentials) => signIn(publicIdentity.POST('/api/v1/auth/login', { body })),
  async logout(): Promise<void> {
    const current = tokens.load();
    tokens.save(null);
    if (current) await publicIdentity.POST('/api/v1/auth/logout', { body: { refreshToken: current.refreshToken } });
  },
  me: () => unwrap(identity.GET('/api/v1/users/me')),
  isLoggedIn: () => tokens.load() !== null,
};

export const groups = {
  list: (query: { q?: string; mine?: boolean; cursor?: string }) =>
    unwrap(sessions.GET('/api/v1/groups', { params: { query } })),
  get: (groupId: string) => unwrap(sessions.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  create: (body: NewGroup) => unwrap(sessions.POST('/api/v1/groups', { body })),
  join: (groupId: string, inviteCode?: string) =>
    unwrap(sessions.POST('/api/v1/groups/{groupId}/members', { params: { path: { groupId } }, body: { inviteCode } })),
  members: (groupId: string, cursor?: string) =>
    unwrap(sessions.GET('/api/v1/groups/{groupId}/members', { params: { path: { groupId }, query: { cursor, limit: 100 } } })),
  changeRole: (groupId: string, userId: string, role: Role) =>
    unwrap(sessions.PUT('/api/v1/groups/{groupId}/members/{userId}/role', { params: { path: { groupId, userId } }, body: { role } })),
  removeMember: (groupId: string, userId: string) =>
    unwrap(sessions.DELETE('/api/v1/groups/{groupId}/members/{userId}', { params: { path: { groupId, userId } } })),
  createInvite: (groupId: string) =>
    unwrap(sessions.POST('/api/v1/groups/{groupId}/invites', { params: { path: { groupId } }, body: {} })),
  /** Every group the caller is a member of (all pages). */
  async mine(): Promise<Group[]> {
    const all: Group[] = [];
    let cursor: string | undefined;
    do {
      const page = await groups.list({ mine: true, cursor });
      all.push(...(page.items ?? []));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  sessions: (groupId: string) =>
    unwrap(sessions.GET('/api/v1/groups/{groupId}/sessions', { params: { path: { groupId } } })),
  schedule: (groupId: string, body: NewSession) =>
    unwrap(sessions.POST('/api/v1/groups/{groupId}/sessions', { params: { path: { groupId } }, body })),
};

export const codingSessions = {
  get: (sessionId: string) =>
    unwrap(sessions.GET('/api/v1/sessions/{sessionId}', { params: { path: { sessionId } } })),
  myRsvp: (sessionId: string) =>
    unwrap(sessions.GET('/api/v1/sessions/{sessionId}/rsvp', { params: { path: { sessionId } } })),
  /** Moves a session or a whole series; `version` guards against overwriting someone else's change. */
  reschedule: (session: Session, change: { startsAt: string; timeZone: string }) =>
    unwrap(sessions.PATCH('/api/v1/sessions/{sessionId}', {
      params: { path: { sessionId: session.id! }, header: { 'If-Match': `"v${session.version}"` } }, body: change,
    })),
  cancel: (sessionId: string, reason: string) =>
    unwrap(sessions.POST('/api/v1/sessions/{sessionId}/cancel', { params: { path: { sessionId } }, body: { reason } })),
  /** `start` is the occurrence's start as a list shows it. */
  cancelOccurrence: (sessionId: string, start: string) =>
    unwrap(sessions.POST('/api/v1/sessions/{sessionId}/occurrences/{start}/cancel', { params: { path: { sessionId, start } }, body: {} })),
  moveOccurrence: (sessionId: string, start: string, startsAt: string) =>
    unwrap(sessions.PUT('/api/v1/sessions/{sessionId}/occurrences/{start}', { params: { path: { sessionId, start } }, body: { startsAt } })),
  /** The coming occurrences of a series (at most 200, within a year of its start). */
  async upcoming(session: Session): Promise<Occurrence[]> {
    const all: Occurrence[] = [];
    const to = new Date(Date.now() + 366 * 24 * 3600 * 1000).toISOString();
    let cursor: string | undefined;
    do {
      const page = await unwrap(sessions.GET('/api/v1/groups/{groupId}/sessions', {
        params: { path: { groupId: session.groupId! }, query: { to, cursor, limit: 100 } },
      }));
      all.push(...(page.items ?? []).filter((occurrence) => occurrence.sessionId === session.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  rsvp: (sessionId: string, status: RsvpStatus) =>
    unwrap(sessions.PUT('/api/v1/sessions/{sessionId}/rsvp', { params: { path: { sessionId } }, body: { status } })),
  /** The occurrences of a session that started before now, newest last (within the 366 days the API looks back). */
  async past(session: Session): Promise<Occurrence[]> {
    const now = Date.now();
    const from = Math.max(Date.parse(session.startsAt!), now - 365 * 24 * 3600 * 1000);
    if (from >= now) return [];
    const all: Occurrence[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(sessions.GET('/api/v1/groups/{groupId}/sessions', {
        params: { path: { groupId: session.groupId! }, query: { from: new Date(from).toISOString(), to: new Date(now).toISOString(), cursor, limit: 100 } },
      }));
      all.push(...(page.items ?? []).filter((occurrence) => occurrence.sessionId === session.id && Date.parse(occurrence.startsAt!) <= now));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
};

/** Pair and mob sessions: how a session is run, an occurrence's pairs or its driver rotation. */
export const pairAndMob = {
  /** `format` absent: an ordinary session. */
  format: (sessionId: string) =>
    unwrap(sessions.GET('/api/v1/sessions/{sessionId}/format', { params: { path: { sessionId } } })),
  /** `format` undefined makes it ordinary again; `rotationMinutes` (5–60, default 10) is a mob's driver turn. */
  setFormat: (sessionId: string, body: SessionFormat) =>
    unwrap(sessions.PUT('/api/v1/sessions/{sessionId}/format', { params: { path: { sessionId } }, body })),
  /** `start` is the occurrence's start as a list shows it; `set` false: proposed now, not set by an organizer. */
  pairs: (sessionId: string, start: string) =>
    unwrap(sessions.GET('/api/v1/sessions/{sessionId}/occurrences/{start}/pairs', { params: { path: { sessionId, start } } })),
  /** Every member going in exactly one group of 2 or 3. */
  setPairs: (sessionId: string, start: string, groups: string[][]) =>
    unwrap(sessions.PUT('/api/v1/sessions/{sessionId}/occurrences/{start}/pairs', { params: { path: { sessionId, start } }, body: { groups } })),
  /** `published` false: the turns publishing would make now. */
  rotation: (sessionId: string, start: string) =>
    unwrap(sessions.GET('/api/v1/sessions/{sessionId}/occurrences/{start}/rotation', { params: { path: { sessionId, start } } })),
  /** Publishes (again) the driver turns among those going; each driver is notified at their turn. */
  publishRotation: (sessionId: string, start: string) =>
    unwrap(sessions.POST('/api/v1/sessions/{sessionId}/occurrences/{start}/rotation', { params: { path: { sessionId, start } } })),
};

/** The caller's pairing profile, which pair proposals read; free hours are in the caller's zone. */
export const pairingProfile = {
  get: () => unwrap(sessions.GET('/api/v1/me/pairing-profile')),
  /** Replaces it whole; the API stores languages lower-case and answers them sorted. */
  save: (body: NewPairingProfile) => unwrap(sessions.PUT('/api/v1/me/pairing-profile', { body })),
};

/** What an occurrence of a session produced: as the recap notification said once sent, before that so far. */
export const recaps = {
  get: (sessionId: string, start: string) =>
    unwrap(notifications.GET('/api/v1/recaps/{sessionId}/{start}', { params: { path: { sessionId, start } } })),
};

/** Availability polls: an organizer proposes times, members answer, an organizer sets the time. */
export const polls = {
  /** A group's polls, newest first. */
  list: (groupId: string, cursor?: string) =>
    unwrap(sessions.GET('/api/v1/groups/{groupId}/polls', { params: { path: { groupId }, query: { cursor } } })),
  open: (groupId: string, body: NewPoll) =>
    unwrap(sessions.POST('/api/v1/groups/{groupId}/polls', { params: { path: { groupId } }, body })),
  get: (pollId: string) => unwrap(sessions.GET('/api/v1/polls/{pollId}', { params: { path: { pollId } } })),
  /** Replaces the caller's earlier answers: a slot left out has no answer. */
  answer: (pollId: string, body: PollAnswers) =>
    unwrap(sessions.PUT('/api/v1/polls/{pollId}/answer', { params: { path: { pollId } }, body })),
  /** Schedules the session (or series) on one slot; the poll comes back closed, with its `sessionId`. */
  close: (pollId: string, body: PollClosing) =>
    unwrap(sessions.POST('/api/v1/polls/{pollId}/close', { params: { path: { pollId } }, body })),
};

export const agenda = {
  /** Every occurrence of the caller's groups that overlaps `from`–`to`, all pages of it. */
  async between(from: string, to: string): Promise<Occurrence[]> {
    const all: Occurrence[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(sessions.GET('/api/v1/me/sessions', { params: { query: { from, to, cursor, limit: 100 } } }));
      all.push(...(page.items ?? []));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  newCalendarFeed: () => unwrap(sessions.POST('/api/v1/me/sessions/calendar-token', {})),
};

export const inbox = {
  list: (cursor?: string) => unwrap(notifications.GET('/api/v1/notifications', { params: { query: { cursor } } })),
  markRead: (notificationId: string) =>
    unwrap(notifications.POST('/api/v1/notifications/{notificationId}/read', { params: { path: { notificationId } } })),
  readAll: () => unwrap(notifications.POST('/api/v1/notifications/read-all')),
  streamTicket: () => unwrap(notifications.POST('/api/v1/notifications/stream-ticket')),
};

/**
 * A group's webhooks (owner and organizers): its news posted to a Discord/Slack channel or, signed,
 * to an endpoint of the organizer's own. A `CLOUDEVENTS` webhook's `secret` is only in the answers
 * to `create` and `rotateSecret`.
 */
export const webhooks = {
  /** Oldest first. */
  list: (groupId: string, cursor?: string) =>
    unwrap(notifications.GET('/api/v1/webhooks', { params: { query: { groupId, cursor } } })),
  create: (body: NewWebhook) => unwrap(notifications.POST('/api/v1/webhooks', { body })),
  /** The previous secret keeps signing beside the new one for a day. */
  rotateSecret: (webhookId: string) =>
    unwrap(notifications.POST('/api/v1/webhooks/{webhookId}/rotate-secret', { params: { path: { webhookId } } })),
  remove: (webhookId: string) =>
    unwrap(notifications.DELETE('/api/v1/webhooks/{webhookId}', { params: { path: { webhookId } } })),
};

export const preferences = {
  get: () => unwrap(notifications.GET('/api/v1/notification-preferences')),
  /** Replaces them whole: an absent field returns to its default. */
  save: (body: Preferences) => unwrap(notifications.PUT('/api/v1/notification-preferences', { body })),
};

export const sharedNotes = {
  list: (query: { groupId?: string; tag?: string; q?: string; cursor?: string }) =>
    unwrap(notes.GET('/api/v1/notes', { params: { query } })),
  get: (noteId: string) => unwrap(notes.GET('/api/v1/notes/{noteId}', { params: { path: { noteId } } })),
  create: (body: NewNote) => unwrap(notes.POST('/api/v1/notes', { body })),
  /** `version` guards against overwriting someone else's edit. */
  update: (note: Note, body: NoteChange) =>
    unwrap(notes.PATCH('/api/v1/notes/{noteId}', {
      params: { path: { noteId: note.id! }, header: { 'If-Match': `"v${note.version}"` } }, body,
    })),
  revisions: (noteId: string, cursor?: string) =>
    unwrap(notes.GET('/api/v1/notes/{noteId}/revisions', { params: { path: { noteId }, query: { cursor } } })),
};

export const problems = {
  list: (query: { q?: string; cursor?: string }) => unwrap(notes.GET('/api/v1/problems', { params: { query } })),
  get: (problemId: string) => unwrap(notes.GET('/api/v1/problems/{problemId}', { params: { path: { problemId } } })),
  create: (body: NewProblem) => unwrap(notes.POST('/api/v1/problems', { body })),
  reveal: (problemId: string) =>
    unwrap(notes.POST('/api/v1/problems/{problemId}/reveal', { params: { path: { problemId } } })),
  solutions: (problemId: string, cursor?: string) =>
    unwrap(notes.GET('/api/v1/problems/{problemId}/solutions', { params: { path: { problemId }, query: { cursor, limit: 100 } } })),
  postSolution: (problemId: string, body: NewSolution) =>
    unwrap(notes.POST('/api/v1/problems/{problemId}/solutions', { params: { path: { problemId } }, body })),
  solution: (solutionId: string) =>
    unwrap(notes.GET('/api/v1/solutions/{solutionId}', { params: { path: { solutionId } } })),
  vote: (solutionId: string, value: 0 | 1) =>
    unwrap(notes.PUT('/api/v1/solutions/{solutionId}/vote', { params: { path: { solutionId } }, body: { value } })),
  accept: (solutionId: string) =>
    unwrap(notes.POST('/api/v1/solutions/{solutionId}/accept', { params: { path: { solutionId } } })),
};

/** Comments on a note or a solution. */
export const comments = {
  list: (target: 'notes' | 'solutions', id: string) => (target === 'notes'
    ? unwrap(notes.GET('/api/v1/notes/{noteId}/comments', { params: { path: { noteId: id }, query: { limit: 100 } } }))
    : unwrap(notes.GET('/api/v1/solutions/{solutionId}/comments', { params: { path: { solutionId: id }, query: { limit: 100 } } }))),
  add: (target: 'notes' | 'solutions', id: string, body: string): Promise<Comment> => (target === 'notes'
    ? unwrap(notes.POST('/api/v1/notes/{noteId}/comments', { params: { path: { noteId: id } }, body: { body } }))
    : unwrap(notes.POST('/api/v1/solutions/{solutionId}/comments', { params: { path: { solutionId: id } }, body: { body } }))),
};
