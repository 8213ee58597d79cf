import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { groups, polls, type Group, type Poll, type PollAnswer, type PollSlot } from '../api/api';
import { useAuth } from '../auth';
import { ClientMarkdown } from '../components/ClientMarkdown';
import { FormError, SelectField, TextField, useSubmit } from '../components/forms';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RepeatFields } from '../components/RepeatFields';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import {
  answerLabels, answerersOf, answersBody, bestSlot, canAnswer, choicesOf, countsText, pollAnswers, pollState,
  slotTimes, type Choices,
} from '../polls';
import { doesNotRepeat, ruleOf } from '../recurrence';
import { canOrganize } from '../roles';
import { formatDateTime } from '../time';

interface PollProps {
  poll: Poll;
  onChanged(poll: Poll): void;
}

/** Who answered a slot what, with the counts the API keeps. */
function SlotAnswers({ slot }: { slot: PollSlot }) {
  const names = answerersOf(slot);
  const counts: Record<PollAnswer, number> = { YES: slot.yes ?? 0, IF_NEED_BE: slot.ifNeedBe ?? 0, NO: slot.no ?? 0 };
  return (
    <dl class="facts poll-answers">
      {pollAnswers.map((answer) => (
        <Fragment key={answer}>
          <dt>{answerLabels[answer]} ({counts[answer]})</dt>
          <dd>{names[answer].length > 0 ? names[answer].join(', ') : <span class="empty">nobody</span>}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The caller's answer to one slot: Yes / If need be / No, a radio group named by the slot's time. */
function AnswerChoice({ slot, when, choice, onChoose }: { slot: PollSlot; when: string; choice?: PollAnswer; onChoose(answer: PollAnswer): void }) {
  return (
    <fieldset class="answer-choice">
      <legend>Your answer for {when}</legend>
      <div class="answer-options">
        {pollAnswers.map((answer) => (
          <label key={answer} class="check">
            <input type="radio" name={`answer-${slot.id}`} value={answer} checked={choice === answer}
              onChange={() => onChoose(answer)} />
            {answerLabels[answer]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface SlotCardProps {
  poll: Poll;
  slot: PollSlot;
  choice?: PollAnswer;
  /** Absent when the caller cannot answer (not a member, or the poll takes no more answers). */
  onChoose?(answer: PollAnswer): void;
}

function SlotCard({ poll, slot, choice, onChoose }: SlotCardProps) {
  const times = slotTimes(slot, poll.timeZone!);
  const chosen = poll.chosenSlotId === slot.id;
  return (
    <li class={`card poll-slot${chosen ? ' chosen' : ''}`}>
      <h3>{times.yours}{chosen && <>{' '}<span class="tag accepted-tag">The time</span></>}</h3>
      <p class="meta">{slot.durationMinutes} minutes{times.host && <> · poll’s time {times.host}</>}</p>
      <SlotAnswers slot={slot} />
      {onChoose && <AnswerChoice slot={slot} when={times.yours} choice={choice} onChoose={onChoose} />}
    </li>
  );
}

/** The slots with their answers; a member's radio groups and "Save answers" while the poll is open. */
function ProposedTimes({ poll, answering, onChanged }: PollProps & { answering: boolean }) {
  const [choices, setChoices] = useState<Choices>(() => choicesOf(poll));
  const [saved, setSaved] = useState(false);
  const { submit, busy, formMessage } = useSubmit(async () => {
    setSaved(false);
    onChanged(await polls.answer(poll.id!, answersBody(poll, choices)));
    setSaved(true);
  });
  const choose = (slot: PollSlot) => (answer: PollAnswer) => {
    setSaved(false);
    setChoices((current) => ({ ...current, [slot.id!]: answer }));
  };
  const list = (
    <ul class="cards" aria-label="Proposed times">
      {(poll.slots ?? []).map((slot) => (
        <SlotCard key={slot.id} poll={poll} slot={slot} choice={choices[slot.id!]} onChoose={answering ? choose(slot) : undefined} />
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="times-heading">
      <h2 id="times-heading">Proposed times</h2>
      <p class="meta">{poll.respondents ?? 0} {poll.respondents === 1 ? 'member has' : 'members have'} answered.</p>
      {answering ? (
        <form onSubmit={submit} noValidate>
          {list}
          <FormError message={formMessage([])} />
          <p class="row">
            <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save answers'}</button>
            <span role="status">{saved ? 'Your answers are saved.' : ''}</span>
          </p>
        </form>
      ) : list}
    </section>
  );
}

const closeFields = ['slotId', 'recurrence', 'capacity', 'meetingUrl'];

/** Owner and organizers: pick a slot (and a repeat), which schedules the session. */
function SetTheTime({ poll, onChanged }: PollProps) {
  const now = Date.now();
  const [slotId, setSlotId] = useState(() => bestSlot(poll, now)?.id ?? '');
  const [repeat, setRepeat] = useState(doesNotRepeat);
  const [capacity, setCapacity] = useState('');
  const [meetingUrl, setMeetingUrl] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    onChanged(await polls.close(poll.id!, {
      slotId,
      recurrence: ruleOf(repeat),
      capacity: capacity ? Number(capacity) : undefined,
      meetingUrl: meetingUrl || undefined,
    }));
  });
  return (
    <section aria-labelledby="set-time-heading">
      <h2 id="set-time-heading">Set the time</h2>
      <form class="card form" onSubmit={submit} noValidate>
        <p class="hint">Schedules the session in {poll.timeZone!.replace(/_/g, ' ')} time; everyone who answered is told.</p>
        <SelectField id="slotId" label="Time" value={slotId} error={fieldError('slotId')}
          onChange={(e) => setSlotId(e.currentTarget.value)}>
          {slotId === '' && <option value="">Every proposed time has begun</option>}
          {(poll.slots ?? []).map((slot) => (
            <option key={slot.id} value={slot.id} disabled={Date.parse(slot.startsAt!) <= now}>
              {slotTimes(slot, poll.timeZone!).yours}: {countsText(slot)}
            </option>
          ))}
        </SelectField>
        <RepeatFields value={repeat} onChange={setRepeat} error={fieldError('recurrence')} />
        <TextField id="capacity" label="Places (optional)" hint="Leave empty for no limit; others join a waiting list."
          type="number" inputMode="numeric" min={1} max={1000} value={capacity} error={fieldError('capacity')}
          onInput={(e) => setCapacity(e.currentTarget.value)} />
        <TextField id="meetingUrl" label="Meeting link (optional)" type="url" placeholder="https://" value={meetingUrl}
          error={fieldError('meetingUrl')} onInput={(e) => setMeetingUrl(e.currentTarget.value)} />
        <FormError message={formMessage(closeFields)} />
        <button type="submit" disabled={busy || slotId === ''}>{busy ? 'Setting the time…' : 'Set the time'}</button>
      </form>
    </section>
  );
}

/** A closed poll: the slot chosen and the session it became. */
function TheTimeIsSet({ poll }: { poll: Poll }) {
  const slot = poll.slots?.find((s) => s.id === poll.chosenSlotId);
  return (
    <div class="notice time-set" role="status">
      <p><strong>The time is set</strong>{slot && <>: {slotTimes(slot, poll.timeZone!).yours}</>}.</p>
      {poll.sessionId && <p><a href={`/sessions/${poll.sessionId}`}>Go to the session</a></p>}
    </div>
  );
}

/** What a poll that takes no answers from the viewer is waiting for, or what it became. */
function PollNotice({ poll, group }: { poll: Poll; group?: Group }) {
  const state = pollState(poll);
  if (state === 'CLOSED') return <TheTimeIsSet poll={poll} />;
  if (state === 'PAST_DEADLINE') {
    return <p class="notice">The deadline has passed: no more answers are taken, and an organizer sets the time.</p>;
  }
  if (group && !group.myRole) return <p class="notice"><a href={`/groups/${group.id}`}>Join the group</a> to answer.</p>;
  return null;
}

function PollDetails({ pollId }: { pollId: string }) {
  const { account } = useAuth();
  const { data: loaded, error } = useLoad(() => polls.get(pollId), [pollId]);
  const [changed, setChanged] = useState<Poll>();
  const poll = changed?.id === pollId ? changed : loaded;
  const { data: group } = useLoad(async () => (poll ? groups.get(poll.groupId!) : undefined), [poll?.groupId]);
  if (error) return <Page title="Poll"><ErrorMessage message={error} /></Page>;
  if (!poll) return <Loading what="the poll" />;
  const zone = poll.slots?.[0]?.inYourZone?.timeZone ?? account!.timeZone ?? 'UTC';
  const organizing = Boolean(group && canOrganize(group)) && poll.status === 'OPEN';
  return (
    <Page title={poll.title!}>
      {group && <p>A poll in <a href={`/groups/${group.id}`}>{group.name}</a></p>}
      <dl class="card facts">
        <dt>Answers wanted by</dt>
        <dd>{formatDateTime(poll.deadline!, zone)}</dd>
        <dt>Times shown in</dt>
        <dd>your zone, {zone.replace(/_/g, ' ')}</dd>
      </dl>
      <PollNotice poll={poll} group={group} />
      {poll.description && <ClientMarkdown text={poll.description} />}
      <ProposedTimes key={`${poll.id}-${poll.status}`} poll={poll} answering={Boolean(group && canAnswer(poll, group))}
        onChanged={setChanged} />
      {organizing && <SetTheTime poll={poll} onChanged={setChanged} />}
    </Page>
  );
}

export default function PollPage() {
  const { params } = useRoute();
  return <RequireLogin><PollDetails pollId={params.pollId} /></RequireLogin>;
}
