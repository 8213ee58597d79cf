package dev.nexus.notifications.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollsTest {

    private static final Instant OPENED = Instant.parse("2027-03-01T12:00:00Z");

    @Test
    void a_poll_with_more_than_two_days_left_is_reminded_a_day_before_its_deadline() {
        assertEquals(Instant.parse("2027-03-04T12:00:00Z"), Polls.remindAt(OPENED, Instant.parse("2027-03-05T12:00:00Z")));
    }

    @Test
    void a_poll_with_two_days_or_less_left_is_reminded_halfway_to_its_deadline() {
        assertEquals(Instant.parse("2027-03-02T12:00:00Z"), Polls.remindAt(OPENED, Instant.parse("2027-03-03T12:00:00Z")));
        assertEquals(Instant.parse("2027-03-01T15:00:00Z"), Polls.remindAt(OPENED, Instant.parse("2027-03-01T18:00:00Z")));
    }
}
