import { useRoute } from 'preact-iso';
import { recaps, type Recap } from '../api/api';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { countOf, recapState } from '../recap';
import { browserTimeZone, formatDateTime, formatTimeRange } from '../time';

/** The recap, or `null` when the API has none (no such date, or not the caller's group). */
async function recapOrNone(sessionId: string, start: string): Promise<Recap | null> {
  try {
    return await recaps.get(sessionId, start);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return null;
    throw failure;
  }
}

function RecapDetails({ recap, zone }: { recap: Recap; zone: string }) {
  const attended = recap.attended ?? [];
  const notes = recap.notes ?? [];
  const problems = recap.problems ?? [];
  const solutions = recap.solutions ?? [];
  return (
    <Page title={`Recap: ${recap.title}`}>
      <p class="notice">{recapState(recap)}</p>
      <dl class="card facts">
        <dt>Date</dt>
        <dd>{formatTimeRange(recap.occurrenceStart!, recap.occurrenceEnd!, zone)}</dd>
        <dt>Next date</dt>
        <dd>{recap.nextStart ? formatDateTime(recap.nextStart, zone) : 'None: no later date is planned.'}</dd>
        <dt>Session</dt>
        <dd><a href={`/sessions/${recap.sessionId}`}>{recap.title}</a></dd>
      </dl>

      <h2 id="attended-heading">{recap.ended ? 'Attended' : 'Going'}</h2>
      {attended.length === 0
        ? <p class="empty">Nobody had a place.</p>
        : <ul aria-labelledby="attended-heading">{attended.map((person) => <li key={person.userId}>{person.displayName}</li>)}</ul>}

      <h2 id="notes-heading">Notes</h2>
      {notes.length === 0
        ? <p class="empty">No note was posted for this date.</p>
        : <ul aria-labelledby="notes-heading">{notes.map((note) => <li key={note.id}><a href={`/notes/${note.id}`}>{note.title}</a></li>)}</ul>}

      <h2 id="problems-heading">Problems</h2>
      {problems.length === 0
        ? <p class="empty">No problem was posed for this date.</p>
        : <ul aria-labelledby="problems-heading">{problems.map((problem) => <li key={problem.id}><a href={`/problems/${problem.id}`}>{problem.title}</a></li>)}</ul>}

      <h2 id="solutions-heading">Solutions</h2>
      <p class="hint">Only how many: the problem’s page shows them, once you have solved it or chosen to see them.</p>
      {solutions.length === 0
        ? <p class="empty">No solution was posted for this date.</p>
        : (
          <ul aria-labelledby="solutions-heading">
            {solutions.map((entry) => (
              <li key={entry.problemId}>{countOf(entry.count!, 'solution')} to <a href={`/problems/${entry.problemId}`}>{entry.problemTitle}</a></li>
            ))}
          </ul>
        )}
    </Page>
  );
}

function RecapLoader({ sessionId, start }: { sessionId: string; start: string }) {
  const { account } = useAuth();
  const { data, error } = useLoad(() => recapOrNone(sessionId, start), [sessionId, start]);
  const zone = account?.timeZone ?? browserTimeZone();
  if (error) return <Page title="Recap"><ErrorMessage message={error} /></Page>;
  if (data === undefined) return <Loading what="the recap" />;
  if (data === null) {
    return (
      <Page title="No recap">
        <p>There is no recap here: the session has no date starting then, or you are not in its group.</p>
        <p><a href={`/sessions/${sessionId}`}>Go to the session</a></p>
      </Page>
    );
  }
  return <RecapDetails recap={data} zone={zone} />;
}

export default function RecapPage() {
  const { params } = useRoute();
  return <RequireLogin><RecapLoader sessionId={params.sessionId} start={params.start} /></RequireLogin>;
}
