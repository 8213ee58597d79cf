package dev.nexus.sessions.pairing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The driver rotation of a mob session (issue 17): a turn every {@code every} from the start until
 * the end, the members going taking turns in a fixed order. The order is fair across occurrences:
 * whoever drove fewest turns before goes first (ties in the order of {@code going}), so over a series
 * nobody drives more than one turn more than anyone who went as often. Pure.
 */
public final class Rotation {

    /** A driver's turn, from {@code at} until the next one (or the session's end). */
    public record Turn(UUID driver, Instant at) {
    }

    private Rotation() {
    }

    public static List<Turn> turns(List<UUID> going, Map<UUID, Integer> drivenBefore, Instant start, Duration length,
            Duration every) {
        if (going.isEmpty() || every.isNegative() || every.isZero()) {
            return List.of();
        }
        List<UUID> order = new ArrayList<>(going);
        order.sort(Comparator.comparingInt(member -> drivenBefore.getOrDefault(member, 0))); // stable: ties keep order
        List<Turn> turns = new ArrayList<>();
        Instant end = start.plus(length);
        int i = 0;
        for (Instant at = start; at.isBefore(end); at = at.plus(every)) {
            turns.add(new Turn(order.get(i++ % order.size()), at));
        }
        return turns;
    }
}
