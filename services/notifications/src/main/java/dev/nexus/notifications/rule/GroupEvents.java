package dev.nexus.notifications.rule;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.GroupCreated;
import dev.nexus.contracts.Events.GroupUpdated;
import dev.nexus.contracts.Events.MemberJoined;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.delivery.Drafts;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.projection.Contents;
import dev.nexus.notifications.projection.Contents.Posting;
import dev.nexus.notifications.projection.Groups;
import dev.nexus.notifications.projection.Sessions;
import dev.nexus.notifications.projection.Sessions.Scheduling;
import dev.nexus.notifications.webhook.Webhooks;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.memberships.GroupRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Events of groups (DESIGN §7): names are kept for the texts; a member who joined is announced to the
 * group's owner and organizers and its webhooks. The platform's MembershipsProjection keeps the
 * members themselves.
 *
 * <p>A join and a session's scheduling in the same group may be handled at the same time on two
 * replicas: each would miss the other's uncommitted change, and the new member would never hear of
 * the session. Both lock the group first (Groups.lock), so the later one sees the earlier; when the
 * join comes second, it tells the member of the sessions scheduled and the notes posted after the
 * join was made, each under its scheduling's or posting's event id (so never twice).
 */
@ApplicationScoped
public class GroupEvents implements EventHandler {

    private final Groups groups;
    private final Sessions sessions;
    private final Contents contents;
    private final Webhooks webhooks;
    private final Audience audience;
    private final Delivery delivery;

    public GroupEvents(Groups groups, Sessions sessions, Contents contents, Webhooks webhooks, Audience audience,
            Delivery delivery) {
        this.groups = groups;
        this.sessions = sessions;
        this.contents = contents;
        this.webhooks = webhooks;
        this.audience = audience;
        this.delivery = delivery;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.GROUP_CREATED, EventType.GROUP_UPDATED, EventType.GROUP_MEMBER_JOINED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        EventPayload data = event.data();
        if (data instanceof GroupCreated g) {
            return groups.named(g.groupId(), g.name()).replaceWith(AfterCommit.NOTHING);
        }
        if (data instanceof GroupUpdated g) {
            return groups.named(g.groupId(), g.name()).replaceWith(AfterCommit.NOTHING);
        }
        MemberJoined m = (MemberJoined) data;
        if (m.role().equals(GroupRole.OWNER.name())) {
            return Uni.createFrom().item(AfterCommit.NOTHING); // the group's creator
        }
        List<AfterCommit> deliveries = new ArrayList<>();
        return groups.lock(m.groupId())
                .chain(() -> joined(event, m)).chain(drafts -> delivery.store(event.id(), drafts))
                .invoke(deliveries::add)
                .chain(() -> sessions.scheduledAfter(m.groupId(), event.time()))
                .chain(scheduled -> toldOfSessions(m, scheduled, deliveries))
                .chain(() -> contents.notesPostedAfter(m.groupId(), event.time()))
                .chain(posted -> toldOfNotes(m, posted, deliveries))
                .replaceWith(() -> () -> Uni.join().all(deliveries.stream().map(AfterCommit::run).toList())
                        .andFailFast().replaceWithVoid());
    }

    /** The joiner hears of each session scheduled after the join, as if it had been a member then. */
    private Uni<Void> toldOfSessions(MemberJoined m, List<Scheduling> scheduled, List<AfterCommit> deliveries) {
        if (scheduled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return groups.name(m.groupId()).chain(group -> toldOfMissed(scheduled, Scheduling::eventId,
                s -> audience.drafts(List.of(m.userId()), s.session().organizerId(),
                        p -> SessionEvents.toldOfScheduling(p, group, s.session(), now)), deliveries));
    }

    /** The joiner hears of each note posted after the join. */
    private Uni<Void> toldOfNotes(MemberJoined m, List<Posting> posted, List<AfterCommit> deliveries) {
        return toldOfMissed(posted, Posting::eventId, n -> audience.person(n.note().authorId())
                .chain(author -> audience.drafts(List.of(m.userId()), n.note().authorId(),
                        p -> ContentEvents.toldOfNote(p, author, n.note()))), deliveries);
    }

    /** Stores what the joiner is told of each thing it missed, under the id of the event that made it. */
    private <T> Uni<Void> toldOfMissed(List<T> missed, Function<T, UUID> madeBy,
            Function<T, Uni<Drafts>> drafts, List<AfterCommit> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : missed) {
            chain = chain.chain(() -> drafts.apply(item))
                    .chain(d -> delivery.store(madeBy.apply(item), d))
                    .invoke(deliveries::add).replaceWithVoid();
        }
        return chain;
    }

    private Uni<Drafts> joined(CloudEvent<?> event, MemberJoined m) {
        return audience.organizers(m.groupId()).chain(organizers -> groups.name(m.groupId())
                .chain(group -> audience.person(m.userId())
                        .call(joiner -> webhooks.announce(event, m.groupId(), Kind.GROUP_MEMBER_JOINED,
                                joiner.name() + " joined " + group + "."))
                        .chain(joiner -> audience.drafts(organizers, m.userId(), p -> new Draft(p.id(),
                                Kind.GROUP_MEMBER_JOINED, m.groupId(), joiner.name() + " joined " + group,
                                joiner.name() + " is now a member of " + group + ".",
                                "/api/v1/groups/" + m.groupId() + "/members")))));
    }
}
