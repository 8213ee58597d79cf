import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { codingSessions, groups, type Rsvp, type RsvpStatus, type Session } from '../api/api';
import { messageOf } from '../api/problem';
import { useAuth } from '../auth';
import { ClientMarkdown } from '../components/ClientMarkdown';
import { ManageSession } from '../components/ManageSession';
import { ErrorMessage, Loading, Page } from '../components/page';
import { PairsAndMob } from '../components/PairsAndMob';
import { PastDates } from '../components/PastDates';
import { RequireLogin } from '../components/RequireLogin';
import { SessionDates } from '../components/SessionDates';
import { useLoad } from '../components/useLoad';
import { describeRecurrence } from '../recurrence';
import { canOrganize } from '../roles';
import { sessionTimes } from '../time';

const answers: { status: RsvpStatus; label: string }[] = [
  { status: 'GOING', label: 'Going' },
  { status: 'MAYBE', label: 'Maybe' },
  { status: 'DECLINED', label: 'Not going' },
];

function describeRsvp(rsvp: Rsvp | undefined): string {
  if (!rsvp?.status) return 'You have not answered yet.';
  if (rsvp.waitlisted) return `The session is full: you are number ${rsvp.position} on the waiting list.`;
  return { GOING: 'You are going.', MAYBE: 'You might come.', DECLINED: 'You are not going.' }[rsvp.status];
}

function RsvpButtons({ session }: { session: Session }) {
  const { data: loaded, error: loadError } = useLoad(() => codingSessions.myRsvp(session.id!), [session.id]);
  const [answered, setAnswered] = useState<Rsvp>();
  const [error, setError] = useState<string>();
  const rsvp = answered ?? loaded;
  const answer = async (status: RsvpStatus) => {
    setError(undefined);
    try {
      setAnswered(await codingSessions.rsvp(session.id!, status));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">Will you come?</h2>
      {loadError && <ErrorMessage message={loadError} />}
      {!rsvp && !loadError && <Loading what="your answer" />}
      {rsvp && (
        <>
          <div class="rsvp" role="group" aria-label="Your answer">
            {answers.map(({ status, label }) => (
              <button key={status} type="button" class="secondary" aria-pressed={rsvp.status === status}
                onClick={() => answer(status)}>{label}</button>
            ))}
          </div>
          <p role="status">{describeRsvp(rsvp)}</p>
        </>
      )}
      {error && <ErrorMessage message={error} />}
    </section>
  );
}

function SessionDetails({ sessionId }: { sessionId: string }) {
  const { account } = useAuth();
  const { data: session, error, reload } = useLoad(() => codingSessions.get(sessionId), [sessionId]);
  const { data: group } = useLoad(async () => (session ? groups.get(session.groupId!) : undefined), [session?.groupId]);
  if (error) return <Page title="Session"><ErrorMessage message={error} /></Page>;
  if (!session) return <Loading what="the session" />;
  const viewerZone = session.inYourZone?.timeZone ?? account!.timeZone ?? 'UTC';
  const times = sessionTimes(session.startsAt!, session.timeZone!, viewerZone);
  const repeats = describeRecurrence(session.recurrence);
  const canManage = Boolean(group && canOrganize(group)) && !session.cancelled;
  return (
    <Page title={session.title!}>
      {group && <p>In <a href={`/groups/${group.id}`}>{group.name}</a></p>}
      {session.cancelled && <p class="form-error">This session was cancelled{session.cancelReason ? `: ${session.cancelReason}` : '.'}</p>}
      <dl class="card facts">
        <dt>Your time</dt>
        <dd>{times.yours}</dd>
        {times.host && (<><dt>Host’s time</dt><dd>{times.host}</dd></>)}
        <dt>Duration</dt>
        <dd>{session.durationMinutes} minutes</dd>
        {repeats && (<><dt>Repeats</dt><dd>{repeats}{session.recurrence && ' (the first session is shown)'}</dd></>)}
        <dt>Places</dt>
        <dd>{session.capacity ?? 'No limit'}</dd>
        {session.meetingUrl && (<><dt>Meeting link</dt><dd><a href={session.meetingUrl} rel="noopener noreferrer">{session.meetingUrl}</a></dd></>)}
      </dl>
      {session.description && <ClientMarkdown text={session.description} />}
      {!session.cancelled && <RsvpButtons session={session} />}
      {session.recurrence && !session.cancelled && (
        <SessionDates session={session} zone={viewerZone} canManage={canManage} onChanged={reload} />
      )}
      {!session.cancelled && group && <PairsAndMob session={session} zone={viewerZone} canManage={canManage} />}
      <PastDates session={session} zone={viewerZone} />
      {canManage && <ManageSession session={session} onChanged={reload} />}
    </Page>
  );
}

export default function SessionPage() {
  const { params } = useRoute();
  return <RequireLogin><SessionDetails sessionId={params.sessionId} /></RequireLogin>;
}
