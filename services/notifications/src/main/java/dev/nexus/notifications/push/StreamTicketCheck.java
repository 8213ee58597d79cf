package dev.nexus.notifications.push;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses the stream's upgrade (401) without a valid, unused ticket; the ticket names the user. */
@ApplicationScoped
public class StreamTicketCheck implements HttpUpgradeCheck {

    private final Tickets tickets;

    public StreamTicketCheck(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return tickets.take(context.httpRequest().getParam("ticket")).onFailure().recoverWithItem(e -> null).chain(holder -> {
            if (holder == null) {
                return CheckResult.rejectUpgrade(401);
            }
            context.userData().put(NotificationStream.USER, holder.user().toString());
            context.userData().put(NotificationStream.SESSION, holder.session());
            return CheckResult.permitUpgrade();
        });
    }
}
