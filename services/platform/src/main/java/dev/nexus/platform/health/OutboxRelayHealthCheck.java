package dev.nexus.platform.health;

import dev.nexus.platform.events.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox relay without taking the service out of rotation: while RabbitMQ is away every
 * write still succeeds into the outbox, which is the outbox's point, so the check stays UP and says
 * "degraded" with the reason and the pending rows. The messaging connector's own readiness, which
 * would turn DOWN, is disabled in the shared defaults.
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    public static final String NAME = "Outbox relay";

    private final OutboxRelay relay;

    public OutboxRelayHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up()
                .withData("pending", relay.pendingCount());
        Optional<String> failure = relay.failure();
        if (failure.isEmpty()) {
            return health.withData("mode", "publishing").build();
        }
        return health.withData("mode", "degraded: events wait in the outbox, the broker does not confirm them")
                .withData("error", failure.get()).build();
    }
}
