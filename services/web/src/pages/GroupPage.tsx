import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { groups, polls, type Group, type Invite, type Member, type Poll, type Role } from '../api/api';
import { messageOf } from '../api/problem';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { pollState, pollStateLabels } from '../polls';
import { canChangeRole, canOrganize, canRemove, roleLabel, roles } from '../roles';
import { formatDateTime, sessionTimes } from '../time';

function MemberRow({ group, member, myId, onChanged }: { group: Group; member: Member; myId: string; onChanged(): void }) {
  const name = member.displayName ?? 'A new member';
  const [role, setRole] = useState<Role>(member.role!);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  // The "Remove" button gives way to the question: keyboard focus goes with it.
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <li class="member">
      <div>
        <strong>{name}</strong>{member.userId === myId && ' (you)'}
        <span class="tag">{roleLabel(member.role!)}</span>
      </div>
      {(canChangeRole(group, member, myId) || canRemove(group, member, myId)) && <div class="member-actions">
        {canChangeRole(group, member, myId) && (
          <form class="row" onSubmit={(e) => { e.preventDefault(); void act(() => groups.changeRole(group.id!, member.userId!, role)); }}>
            <label class="visually-hidden" for={`role-${member.userId}`}>Role of {name}</label>
            <select id={`role-${member.userId}`} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
            </select>
            <button type="submit" class="secondary" disabled={role === member.role}>Change role of {name}</button>
          </form>
        )}
        {canRemove(group, member, myId) && (confirming ? (
          <span class="row">
            <button ref={confirmButton} type="button" class="danger" onClick={() => act(() => groups.removeMember(group.id!, member.userId!))}>Yes, remove {name}</button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>Keep {name}</button>
          </span>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>Remove {name}</button>
        ))}
      </div>}
      {error && <ErrorMessage message={error} />}
    </li>
  );
}

function Members({ group, onChanged }: { group: Group; onChanged(): void }) {
  const { account } = useAuth();
  const { data, error, reload } = useLoad(() => groups.members(group.id!), [group.id, group.memberCount]);
  const changed = () => { reload(); onChanged(); };
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {error && <ErrorMessage message={error} />}
      {!data && !error && <Loading what="members" />}
      {data && (
        <ul class="members">
          {(data.items ?? []).map((member) => (
            <MemberRow key={`${member.userId}-${member.role}`} group={group} member={member} myId={account!.id!} onChanged={changed} />
          ))}
        </ul>
      )}
    </section>
  );
}

function inviteLink(invite: Invite): string {
  return `${location.origin}/invite/${invite.groupId}/${invite.code}`;
}

function InviteBox({ group }: { group: Group }) {
  const { account } = useAuth();
  const [invite, setInvite] = useState<Invite>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const create = async () => {
    setError(undefined);
    try {
      setInvite(await groups.createInvite(group.id!));
      setStatus('');
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(inviteLink(invite!));
      setStatus('Link copied.');
    } catch {
      setStatus('Copying is not allowed here: select the link and copy it yourself.');
    }
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite people</h2>
      <p>Anyone with an invite link can join{group.visibility === 'PRIVATE' ? ' this private group' : ''} for 7 days.</p>
      <button type="button" class="secondary" onClick={create}>{invite ? 'Create another invite link' : 'Create an invite link'}</button>
      {error && <ErrorMessage message={error} />}
      {invite && (
        <div class="field">
          <label for="invite-link">Invite link (valid until {formatDateTime(invite.expiresAt!, account!.timeZone ?? 'UTC')})</label>
          <div class="row">
            <input id="invite-link" readOnly value={inviteLink(invite)} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={copy}>Copy link</button>
          </div>
          <p role="status" class="hint">{status}</p>
        </div>
      )}
    </section>
  );
}

function UpcomingSessions({ group }: { group: Group }) {
  const { account } = useAuth();
  const { data, error } = useLoad(() => groups.sessions(group.id!), [group.id]);
  return (
    <section aria-labelledby="sessions-heading">
      <div class="section-head">
        <h2 id="sessions-heading">Upcoming sessions</h2>
        {canOrganize(group) && <a class="button" href={`/groups/${group.id}/sessions/new`}>Schedule a session</a>}
      </div>
      {error && <ErrorMessage message={error} />}
      {!data && !error && <Loading what="sessions" />}
      {data?.items?.length === 0 && <p class="empty">No sessions planned yet.</p>}
      {data?.items && data.items.length > 0 && (
        <ul class="cards">
          {data.items.map((occurrence) => {
            const times = sessionTimes(occurrence.startsAt!, occurrence.timeZone!, account!.timeZone ?? 'UTC');
            return (
              <li key={`${occurrence.sessionId}-${occurrence.startsAt}`} class="card">
                <a href={`/sessions/${occurrence.sessionId}`}>{occurrence.title}</a>
                <p class="meta">{times.yours}{times.host && <> · host’s time {times.host}</>}{occurrence.recurring && ' · repeats'}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function PollCard({ poll, zone }: { poll: Poll; zone: string }) {
  const state = pollState(poll);
  return (
    <li class="card">
      <a href={`/polls/${poll.id}`}>{poll.title}</a>
      <p class="meta">
        <span class={`tag${state === 'CLOSED' ? ' accepted-tag' : ''}`}>{pollStateLabels[state]}</span>
        {state === 'OPEN' && <> answers wanted by {formatDateTime(poll.deadline!, zone)}</>}
        {' · '}{poll.respondents ?? 0} answered
      </p>
    </li>
  );
}

/** The group's availability polls, newest first; owner and organizers propose times. */
function Polls({ group }: { group: Group }) {
  const { account } = useAuth();
  const { items, error, more } = usePaged((cursor) => polls.list(group.id!, cursor), [group.id]);
  return (
    <section aria-labelledby="polls-heading">
      <div class="section-head">
        <h2 id="polls-heading">Polls</h2>
        {canOrganize(group) && <a class="button" href={`/groups/${group.id}/polls/new`}>Propose times</a>}
      </div>
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="polls" />}
      {items?.length === 0 && <p class="empty">No polls yet.</p>}
      {items && items.length > 0 && (
        <ul class="cards" aria-label="Polls">
          {items.map((poll) => <PollCard key={poll.id} poll={poll} zone={account!.timeZone ?? 'UTC'} />)}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>Show more polls</button>}
    </section>
  );
}

/** Owner and organizers post the group's news to a chat channel or an endpoint of their own. */
function WebhooksLink({ group }: { group: Group }) {
  return (
    <section aria-labelledby="webhooks-heading">
      <div class="section-head">
        <h2 id="webhooks-heading">Webhooks</h2>
        <a class="button secondary" href={`/groups/${group.id}/webhooks`}>Manage webhooks</a>
      </div>
      <p>Post the group’s news (sessions, notes, new members) to a Discord or Slack channel, or signed to an endpoint of your own.</p>
    </section>
  );
}

/** A member other than the owner leaves (the owner hands the group over first). */
function LeaveButton({ group }: { group: Group }) {
  const { account } = useAuth();
  const { route } = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const leave = async () => {
    setError(undefined);
    try {
      await groups.removeMember(group.id!, account!.id!);
      route('/groups?left=1');
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <p class="row">
      {confirming ? (
        <>
          <button type="button" class="danger" onClick={leave}>Yes, leave {group.name}</button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>Stay</button>
        </>
      ) : <button type="button" class="secondary" onClick={() => setConfirming(true)}>Leave this group</button>}
      {error && <ErrorMessage message={error} />}
    </p>
  );
}

function JoinButton({ group, onJoined }: { group: Group; onJoined(): void }) {
  const [error, setError] = useState<string>();
  const join = async () => {
    try {
      await groups.join(group.id!);
      onJoined();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <>
      <button type="button" onClick={join}>Join this group</button>
      {error && <ErrorMessage message={error} />}
    </>
  );
}

function GroupDetails({ groupId }: { groupId: string }) {
  const { data: group, error, reload } = useLoad(() => groups.get(groupId), [groupId]);
  if (error) return <Page title="Group"><ErrorMessage message={error} /></Page>;
  if (!group) return <Loading what="the group" />;
  return (
    <Page title={group.name!}>
      <p class="meta">
        <span class={`tag ${group.visibility === 'PRIVATE' ? 'private' : ''}`}>{group.visibility === 'PRIVATE' ? 'Private' : 'Public'}</span>
        {' '}{group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
        {group.myRole ? <> · you are {roleLabel(group.myRole).toLowerCase()}</> : ' · you are not a member'}
      </p>
      {group.description && <p>{group.description}</p>}
      {!group.myRole && <JoinButton group={group} onJoined={reload} />}
      {group.myRole && group.myRole !== 'OWNER' && <LeaveButton group={group} />}
      <UpcomingSessions group={group} />
      <Polls group={group} />
      {canOrganize(group) && <InviteBox group={group} />}
      {canOrganize(group) && <WebhooksLink group={group} />}
      <Members group={group} onChanged={reload} />
    </Page>
  );
}

export default function GroupPage() {
  const { params } = useRoute();
  return <RequireLogin><GroupDetails groupId={params.groupId} /></RequireLogin>;
}
