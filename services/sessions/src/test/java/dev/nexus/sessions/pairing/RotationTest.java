package dev.nexus.sessions.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.pairing.Rotation.Turn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of {@link Rotation#turns} over generated series (each case a seed), and an example. */
class RotationTest {

    private static final Instant START = Instant.parse("2027-03-01T17:00:00Z");

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void over_a_series_nobody_drives_more_than_one_turn_more_than_another(long seed) {
        Random random = new Random(seed);
        List<UUID> going = new ArrayList<>();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            going.add(new UUID(random.nextLong(), i));
        }
        Duration every = Duration.ofMinutes(5 + random.nextInt(26));
        Map<UUID, Integer> driven = new HashMap<>();
        for (int occurrence = 0; occurrence < 1 + random.nextInt(12); occurrence++) {
            Duration length = Duration.ofMinutes(30 + random.nextInt(151));
            List<Turn> turns = Rotation.turns(going, driven, START.plus(Duration.ofDays(7L * occurrence)), length, every);

            assertEquals((length.toMinutes() + every.toMinutes() - 1) / every.toMinutes(), turns.size(), "a turn per slot");
            for (int t = 0; t < turns.size(); t++) {
                assertEquals(START.plus(Duration.ofDays(7L * occurrence)).plus(every.multipliedBy(t)), turns.get(t).at());
                assertTrue(going.contains(turns.get(t).driver()));
            }
            turns.forEach(turn -> driven.merge(turn.driver(), 1, Integer::sum));
            IntSummaryStatistics counts = going.stream().mapToInt(m -> driven.getOrDefault(m, 0)).summaryStatistics();
            assertTrue(counts.getMax() - counts.getMin() <= 1, "after occurrence " + occurrence + ": " + driven);
        }
    }

    @Test
    void whoever_drove_least_before_starts_and_the_order_then_repeats() {
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID cy = UUID.randomUUID();
        List<Turn> turns = Rotation.turns(List.of(ada, bob, cy), Map.of(ada, 2, bob, 1), START, Duration.ofMinutes(60),
                Duration.ofMinutes(15));

        assertEquals(List.of(cy, bob, ada, cy), turns.stream().map(Turn::driver).toList());
        assertEquals(START.plus(Duration.ofMinutes(45)), turns.get(3).at());
        assertEquals(List.of(), Rotation.turns(List.of(), Map.of(), START, Duration.ofMinutes(60), Duration.ofMinutes(15)));
    }
}
