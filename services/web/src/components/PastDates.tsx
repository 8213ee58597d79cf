import { codingSessions, type Session } from '../api/api';
import { recapPath } from '../recap';
import { formatDateTime } from '../time';
import { ErrorMessage, Loading } from './page';
import { useLoad } from './useLoad';

/** The most recent dates listed; older ones are rarely looked for. */
const SHOWN = 10;

/** The dates of a session that have started, newest first, each with a link to its recap. */
export function PastDates({ session, zone }: { session: Session; zone: string }) {
  const { data, error } = useLoad(() => codingSessions.past(session), [session.id, session.version]);
  if (error) return <ErrorMessage message={error} />;
  if (!data || data.length === 0) return data ? null : <Loading what="the past dates" />;
  const now = Date.now();
  const recent = data.slice(-SHOWN).reverse();
  return (
    <section aria-labelledby="past-heading">
      <h2 id="past-heading">Past dates</h2>
      <ul class="members" aria-label="Past dates">
        {recent.map((occurrence) => {
          const when = formatDateTime(occurrence.startsAt!, zone);
          const ongoing = Date.parse(occurrence.endsAt!) > now;
          return (
            <li key={occurrence.startsAt} class="session-date">
              <span>{when}{ongoing && ' (now)'}</span>
              <a href={recapPath(session.id!, occurrence.startsAt!)} aria-label={`Recap of ${when}${ongoing ? ' so far' : ''}`}>
                {ongoing ? 'Recap so far' : 'Recap'}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
