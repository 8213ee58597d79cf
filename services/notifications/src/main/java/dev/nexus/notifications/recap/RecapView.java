package dev.nexus.notifications.recap;

import dev.nexus.contracts.Events;
import dev.nexus.notifications.recap.Recaps.Ended;
import dev.nexus.notifications.recap.Recaps.Posted;
import dev.nexus.notifications.recipient.Person;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an occurrence of a session produced: who had a place at it, the notes and problems posted for
 * it and the solutions to those problems (titles only: the spoiler guard holds), and the next
 * occurrence (null: none). {@code ended} false: so far. Each list holds at most {@value #MAX_LISTED}.
 */
public record RecapView(UUID sessionId, UUID groupId, @Schema(maxLength = TITLE) String title, Instant occurrenceStart,
        Instant occurrenceEnd, boolean ended, @Schema(maxItems = MAX_LISTED) List<Attendee> attended,
        @Schema(maxItems = MAX_LISTED) List<Item> notes, @Schema(maxItems = MAX_LISTED) List<Item> problems,
        @Schema(maxItems = MAX_LISTED) List<Solutions> solutions, Instant nextStart) {

    static final int TITLE = 200;
    static final int MAX_LISTED = 1000;

    public record Attendee(UUID userId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName) {
    }

    /** A note or problem posted for the occurrence. */
    public record Item(UUID id, @Schema(maxLength = TITLE) String title) {
    }

    /** How many solutions to a problem of the session were posted for the occurrence. */
    public record Solutions(UUID problemId, @Schema(maxLength = TITLE) String problemTitle,
            @Schema(minimum = "1") int count) {
    }

    static RecapView of(Ended e, Collection<Person> attended, List<Posted> posted, Instant now) {
        Map<UUID, Solutions> solutions = new LinkedHashMap<>();
        posted.stream().filter(p -> p.kind().equals("SOLUTION")).forEach(p -> solutions.merge(p.problemId(),
                new Solutions(p.problemId(), p.problem(), 1),
                (a, b) -> new Solutions(a.problemId(), a.problemTitle(), a.count() + 1)));
        return new RecapView(e.session().id(), e.session().groupId(), e.session().title(), e.start(), e.end(),
                !e.end().isAfter(now),
                attended.stream().map(p -> new Attendee(p.id(), p.name())).sorted(Comparator.comparing(Attendee::displayName))
                        .limit(MAX_LISTED).toList(),
                items(posted, "NOTE"), items(posted, "PROBLEM"), solutions.values().stream().limit(MAX_LISTED).toList(),
                e.next());
    }

    private static List<Item> items(List<Posted> posted, String kind) {
        return posted.stream().filter(p -> p.kind().equals(kind)).map(p -> new Item(p.id(), p.title())).limit(MAX_LISTED)
                .toList();
    }
}
