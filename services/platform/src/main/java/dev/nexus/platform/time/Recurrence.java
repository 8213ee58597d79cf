package dev.nexus.platform.time;

import dev.nexus.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Recur;

/**
 * RFC 5545 recurrence of a coding session, expanded with ical4j in the session's own time zone, so
 * a weekly 18:00 Europe/Berlin session stays at 18:00 Berlin across daylight-saving changes. The one
 * place series are checked and expanded: sessions lists occurrences with it, notifications plans
 * their reminders with it.
 *
 * <p>Series are bounded: they must end (COUNT or UNTIL) within {@value #MAX_OCCURRENCES} occurrences
 * and a year of their first start.
 */
public final class Recurrence {

    public static final int MAX_OCCURRENCES = 200;
    public static final Duration MAX_SPAN = Duration.ofDays(366);

    private Recurrence() {
    }

    /** Checks {@code rule} (without the {@code RRULE:} prefix) and returns it normalised; 400 otherwise. */
    public static String validate(String rule, ZonedDateTime firstStart) {
        String text = rule.trim().replaceFirst("(?i)^RRULE:", "");
        Recur<ZonedDateTime> recur;
        try {
            recur = new Recur<>(text);
            if (recur.getFrequency() == null) {
                throw new IllegalArgumentException("FREQ is missing");
            }
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("recurrence",
                    "is not an RFC 5545 RRULE such as FREQ=WEEKLY;COUNT=10 (" + e.getMessage() + ")");
        }
        boolean hasCount = recur.getCount() > 0;
        if (!hasCount && recur.getUntil() == null) {
            throw ProblemException.invalidField("recurrence",
                    "must end: add COUNT (at most " + MAX_OCCURRENCES + ") or UNTIL (within a year of startsAt)");
        }
        if (hasCount && recur.getCount() > MAX_OCCURRENCES) {
            throw ProblemException.invalidField("recurrence", "COUNT must be at most " + MAX_OCCURRENCES);
        }
        if (recur.getUntil() != null && Duration.between(firstStart.toInstant(), untilInstant(recur.getUntil(), firstStart))
                .compareTo(MAX_SPAN) > 0) {
            throw ProblemException.invalidField("recurrence", "must end within a year of startsAt (UNTIL is later)");
        }
        int withinAYear = starts(text, firstStart, firstStart.toInstant(), firstStart.toInstant().plus(MAX_SPAN)).size();
        if (withinAYear == 0) {
            throw ProblemException.invalidField("recurrence", "has no occurrence: UNTIL is before startsAt");
        }
        if (withinAYear > MAX_OCCURRENCES || (hasCount && withinAYear < recur.getCount())) {
            throw ProblemException.invalidField("recurrence",
                    "must end within " + MAX_OCCURRENCES + " occurrences and a year of startsAt");
        }
        return recur.toString();
    }

    /** Starts of the occurrences that begin in {@code [from, to)}, in the series' zone. */
    public static List<ZonedDateTime> starts(String rule, ZonedDateTime firstStart, Instant from, Instant to) {
        ZonedDateTime windowStart = from.atZone(firstStart.getZone());
        ZonedDateTime windowEnd = to.atZone(firstStart.getZone());
        return new Recur<ZonedDateTime>(rule).getDates(firstStart, windowStart, windowEnd, MAX_OCCURRENCES + 1)
                .stream()
                .filter(start -> !start.toInstant().isBefore(from) && start.toInstant().isBefore(to))
                .toList();
    }

    /** One occurrence of a series moved ({@code movedTo}) or cancelled ({@code movedTo} null), by the start its rule gives it. */
    public record Change(Instant originalStart, Instant movedTo) {
    }

    /**
     * Starts of a session's occurrences in {@code [from, to)} with its single occurrences moved or
     * cancelled: a changed occurrence leaves its original start, and a moved one is added at its new
     * start wherever that falls (callers keep the starts they want). A session without a rule
     * ({@code rule} null) has its one start.
     */
    public static List<ZonedDateTime> occurrences(String rule, ZonedDateTime firstStart, Instant from, Instant to,
            List<Change> changes) {
        List<ZonedDateTime> starts = new ArrayList<>(rule == null ? List.of(firstStart) : starts(rule, firstStart, from, to));
        for (Change change : changes) {
            starts.removeIf(start -> start.toInstant().equals(change.originalStart()));
            if (change.movedTo() != null) {
                starts.add(change.movedTo().atZone(firstStart.getZone()));
            }
        }
        return starts;
    }

    private static Instant untilInstant(Temporal until, ZonedDateTime firstStart) {
        if (until instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (until instanceof java.time.LocalDate d) {
            return d.plusDays(1).atStartOfDay(firstStart.getZone()).toInstant();
        }
        if (until instanceof java.time.LocalDateTime t) {
            return t.atZone(firstStart.getZone()).toInstant();
        }
        return Instant.from(until);
    }
}
