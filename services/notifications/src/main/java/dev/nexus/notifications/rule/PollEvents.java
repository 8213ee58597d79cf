package dev.nexus.notifications.rule;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.PollAnswered;
import dev.nexus.contracts.Events.PollClosed;
import dev.nexus.contracts.Events.PollOpened;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.model.Texts;
import dev.nexus.notifications.projection.Groups;
import dev.nexus.notifications.projection.Polls;
import dev.nexus.platform.events.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Availability polls: an opened poll asks every member but its organizer for an answer; answers and
 * the closing keep the projection that {@code reminder.PollReminders} reads. The closing tells nobody
 * itself: the session it scheduled arrives as session.scheduled with the poll's id, and
 * {@link SessionEvents} tells every member but the organizer that the time is set.
 */
@ApplicationScoped
public class PollEvents implements EventHandler {

    private final Polls polls;
    private final Groups groups;
    private final Audience audience;
    private final Delivery delivery;

    public PollEvents(Polls polls, Groups groups, Audience audience, Delivery delivery) {
        this.polls = polls;
        this.groups = groups;
        this.audience = audience;
        this.delivery = delivery;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.POLL_OPENED, EventType.POLL_ANSWERED, EventType.POLL_CLOSED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        EventPayload data = event.data();
        if (data instanceof PollAnswered a) {
            return polls.answered(a.pollId(), a.userId()).replaceWith(AfterCommit.NOTHING);
        }
        if (data instanceof PollClosed c) {
            return polls.closed(c.pollId(), c.groupId(), c.title(), c.organizerId(), c.startsAt(), c.respondents()).replaceWith(AfterCommit.NOTHING);
        }
        PollOpened o = (PollOpened) data;
        Instant now = Instant.now();
        return polls.opened(o.pollId(), o.groupId(), o.title(), o.organizerId(), o.deadline(), event.time())
                .chain(() -> audience.members(o.groupId()))
                .chain(members -> groups.name(o.groupId()).chain(group -> audience.drafts(members, o.organizerId(),
                        p -> new Draft(p.id(), Kind.POLL_OPENED, o.groupId(), "When can you meet? " + o.title(),
                                group + " is choosing a time for " + o.title() + ": say which of the " + o.slots()
                                        + " times suit you by " + Texts.time(o.deadline(), p.zone(), now) + ".",
                                path(o.pollId())))))
                .chain(drafts -> delivery.store(event.id(), drafts));
    }

    public static String path(UUID pollId) {
        return "/api/v1/polls/" + pollId;
    }
}
