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
        return tickets.take(context.httpRequest().getParam("ticket")).onFailure().recoverWithItem(e -> null).chain(user -> {
            if (user == null) {
                return CheckResult.rejectUpgrade(401);
            }
            context.userData().put(NotificationStream.USER, user.toString());
            return CheckResult.permitUpgrade();
        });
    }
}
