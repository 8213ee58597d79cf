package dev.nexus.notifications.rule;

import dev.nexus.notifications.delivery.Drafts;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.recipient.People;
import dev.nexus.notifications.recipient.Person;
import dev.nexus.platform.memberships.Memberships;
import dev.nexus.platform.memberships.Memberships.Member;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Who a rule tells, and their drafts: never the one who acted, each text in the recipient's name and zone. */
@ApplicationScoped
public class Audience {

    private final Memberships memberships;
    private final People people;

    public Audience(Memberships memberships, People people) {
        this.memberships = memberships;
        this.people = people;
    }

    public Uni<List<UUID>> members(UUID groupId) {
        return memberships.members(groupId).map(members -> members.stream().map(Member::userId).toList());
    }

    /** The group's owner and organizers. */
    public Uni<List<UUID>> organizers(UUID groupId) {
        return memberships.members(groupId).map(members -> members.stream().filter(m -> m.role().organizes())
                .map(Member::userId).toList());
    }

    public Uni<Person> person(UUID id) {
        return people.of(id);
    }

    /** One draft per recipient but the actor (who may be null), each rendered for the recipient. */
    public Uni<Drafts> drafts(Collection<UUID> recipients, UUID actor, Function<Person, Draft> draft) {
        List<UUID> others = recipients.stream().filter(r -> !r.equals(actor)).distinct().toList();
        return people.of(others).map(found -> {
            List<Draft> drafts = new ArrayList<>(others.size());
            others.forEach(id -> drafts.add(draft.apply(found.get(id))));
            return new Drafts(drafts, found);
        });
    }
}
