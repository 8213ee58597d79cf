import { useLocation } from 'preact-iso';
import { agenda, type Occurrence } from '../api/api';
import { useAuth } from '../auth';
import {
  describePeriod, formatDay, monthGrid, shift, today, weekOf, windowOf, zonedDayAndTime, type CalendarView,
} from '../calendar';
import { CalendarFeed } from '../components/CalendarFeed';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';

interface Shown {
  occurrence: Occurrence;
  start: string;
  end: string;
}

/** The occurrences by the day they start on in the viewer's zone, in order. */
function byDay(occurrences: Occurrence[], zone: string): Map<string, Shown[]> {
  const days = new Map<string, Shown[]>();
  for (const occurrence of occurrences) {
    const { day, time: start } = zonedDayAndTime(occurrence.startsAt!, zone);
    const shown = { occurrence, start, end: zonedDayAndTime(occurrence.endsAt!, zone).time };
    days.set(day, [...(days.get(day) ?? []), shown]);
  }
  return days;
}

const agendaHref = (view: CalendarView, day: string) => `/agenda?view=${view}&date=${day}`;

function OccurrenceLinks({ items }: { items: Shown[] }) {
  return (
    <ul class="occurrences">
      {items.map(({ occurrence, start, end }) => (
        <li key={`${occurrence.sessionId}-${occurrence.startsAt}`}>
          <a href={`/sessions/${occurrence.sessionId}`}>
            <span class="when">{start}–{end}</span> {occurrence.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

function AgendaWeek({ day, current, days }: { day: string; current: string; days: Map<string, Shown[]> }) {
  return (
    <ol class="week" aria-label="Days of the week">
      {weekOf(day).map((date) => (
        <li key={date} class="card" aria-labelledby={`day-${date}`} aria-current={date === current ? 'date' : undefined}>
          <h2 id={`day-${date}`}>{formatDay(date, { weekday: 'long', day: 'numeric', month: 'long' })}</h2>
          {days.has(date) ? <OccurrenceLinks items={days.get(date)!} /> : <p class="empty">No sessions</p>}
        </li>
      ))}
    </ol>
  );
}

function AgendaMonth({ day, current, days }: { day: string; current: string; days: Map<string, Shown[]> }) {
  const month = day.slice(0, 7);
  return (
    <table class="month">
      <caption class="visually-hidden">{describePeriod('month', day)}</caption>
      <thead>
        <tr>
          {weekOf(day).map((date) => (
            <th key={date} scope="col" abbr={formatDay(date, { weekday: 'long' })}>{formatDay(date, { weekday: 'short' })}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(day).map((week) => (
          <tr key={week[0]}>
            {week.map((date) => (
              <td key={date} class={`${date.slice(0, 7) === month ? '' : 'other-month'} ${days.has(date) ? '' : 'no-sessions'}`}
                aria-current={date === current ? 'date' : undefined}>
                <span class="day-number" aria-hidden="true">{Number(date.slice(8))}</span>
                <span class="day-name">{formatDay(date, { weekday: 'long', day: 'numeric', month: 'long' })}</span>
                {days.has(date) && <OccurrenceLinks items={days.get(date)!} />}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Agenda() {
  const { account } = useAuth();
  const { query } = useLocation();
  const zone = account!.timeZone ?? 'UTC';
  const current = today(zone);
  const view: CalendarView = query.view === 'month' ? 'month' : 'week';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(query.date ?? '') ? query.date : current;
  const { from, to } = windowOf(view, day, zone);
  const { data, error } = useLoad(async () => ({ from, items: await agenda.between(from, to) }), [from, to]);
  const loaded = data?.from === from ? data.items : undefined;
  const unit = view === 'week' ? 'week' : 'month';
  return (
    <Page title="Agenda" actions={<a class="button secondary" href="/groups">Your groups</a>}>
      <p class="hint">Sessions of all your groups, in your time zone ({zone.replace(/_/g, ' ')}).</p>
      <nav class="calendar-nav" aria-label="Calendar">
        <ul class="row">
          <li><a href={agendaHref('week', day)} aria-current={view === 'week' ? 'true' : undefined}>Week</a></li>
          <li><a href={agendaHref('month', day)} aria-current={view === 'month' ? 'true' : undefined}>Month</a></li>
        </ul>
        <ul class="row">
          <li><a class="button secondary" href={agendaHref(view, shift(view, day, -1))}>Previous {unit}</a></li>
          <li><a class="button secondary" href={agendaHref(view, current)}>Today</a></li>
          <li><a class="button secondary" href={agendaHref(view, shift(view, day, 1))}>Next {unit}</a></li>
        </ul>
      </nav>
      <h2 class="period" aria-live="polite">{describePeriod(view, day)}</h2>
      {error && <ErrorMessage message={error} />}
      {!loaded && !error && <Loading what="your sessions" />}
      {loaded?.length === 0 && (
        <p class="empty">No sessions this {unit}. Sessions of the <a href="/groups">groups you join</a> show up here.</p>
      )}
      {loaded && (view === 'week'
        ? <AgendaWeek day={day} current={current} days={byDay(loaded, zone)} />
        : <AgendaMonth day={day} current={current} days={byDay(loaded, zone)} />)}
      <CalendarFeed />
    </Page>
  );
}

export default function AgendaPage() {
  return <RequireLogin><Agenda /></RequireLogin>;
}
