package dev.nexus.sessions.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.time.Recurrence;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Tuesday 17 March 2026, 18:00 in Berlin (CET, UTC+1); summer time starts on 29 March. */
    private static final ZonedDateTime FIRST = ZonedDateTime.of(2026, 3, 17, 18, 0, 0, 0, BERLIN);

    @Test
    void a_weekly_berlin_session_stays_at_18_00_berlin_across_the_switch_to_summer_time() {
        List<ZonedDateTime> starts = Recurrence.starts("FREQ=WEEKLY;COUNT=4", FIRST,
                FIRST.toInstant(), FIRST.plusWeeks(10).toInstant());

        assertEquals(4, starts.size());
        starts.forEach(s -> assertEquals(LocalTime.of(18, 0), s.toLocalTime()));
        assertEquals(Instant.parse("2026-03-24T17:00:00Z"), starts.get(1).toInstant(), "still CET, UTC+1");
        assertEquals(Instant.parse("2026-03-31T16:00:00Z"), starts.get(2).toInstant(), "now CEST, UTC+2");
    }

    @Test
    void only_occurrences_starting_inside_the_window_are_listed() {
        List<ZonedDateTime> starts = Recurrence.starts("FREQ=DAILY;COUNT=10", FIRST,
                FIRST.plusDays(3).toInstant(), FIRST.plusDays(5).toInstant());

        assertEquals(List.of(FIRST.plusDays(3), FIRST.plusDays(4)), starts);
    }

    @Test
    void a_valid_rule_is_accepted_with_or_without_the_rrule_prefix() {
        assertTrue(Recurrence.validate("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10", FIRST).contains("FREQ=WEEKLY"));
        assertTrue(Recurrence.validate("FREQ=DAILY;UNTIL=20260401T000000Z", FIRST).contains("UNTIL"));
    }

    @Test
    void malformed_and_unbounded_rules_are_refused_naming_the_field() {
        for (String bad : List.of("every tuesday", "FREQ=SOMETIMES;COUNT=2", "COUNT=3", "FREQ=WEEKLY",
                "FREQ=WEEKLY;COUNT=201", "FREQ=DAILY;UNTIL=20280101T000000Z", "FREQ=DAILY;UNTIL=20260301T000000Z", "FREQ=HOURLY;COUNT=200;INTERVAL=100")) {
            ProblemException e = assertThrows(ProblemException.class, () -> Recurrence.validate(bad, FIRST), bad);
            assertEquals("recurrence", e.toProblem().errors().get(0).field(), bad);
        }
    }
}
