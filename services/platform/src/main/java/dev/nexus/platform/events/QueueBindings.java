package dev.nexus.platform.events;

import com.rabbitmq.client.Channel;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Binds the service's queue to {@code nexus.events} again, every sweep interval. The connector binds
 * it once, at start; an exchange deleted under the running service takes the bindings with it, and
 * the queue would silently receive nothing once a publisher declared the exchange again. Binding is
 * idempotent, so doing it all the time costs one round trip per routing key and needs no detection.
 * While the exchange is missing it does nothing (a publisher's {@link OutboxRelay} declares it and
 * waits for this). Only in services that consume events.
 */
@ApplicationScoped
@IfBuildProperty(name = "nexus.events.consume", stringValue = "true")
public class QueueBindings {

    private static final Logger LOG = Logger.getLogger(QueueBindings.class);
    private static final String QUEUE = "mp.messaging.incoming." + Channels.EVENTS_IN;

    private final BrokerConnection broker;
    private final Vertx vertx;
    private final String exchange;
    private final String queue;
    private final List<String> routingKeys;
    private final Duration interval;
    private long timer = -1;

    QueueBindings(BrokerConnection broker, Vertx vertx,
            @ConfigProperty(name = "nexus.events.exchange") String exchange,
            @ConfigProperty(name = QUEUE + ".queue.name") String queue,
            @ConfigProperty(name = QUEUE + ".routing-keys") List<String> routingKeys,
            @ConfigProperty(name = "nexus.outbox.sweep-interval", defaultValue = "5s") Duration interval) {
        this.broker = broker;
        this.vertx = vertx;
        this.exchange = exchange;
        this.queue = queue;
        this.routingKeys = routingKeys;
        this.interval = interval;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> {
            bind();
            return null;
        }, false).subscribe().with(done -> {
        }, e -> LOG.debugf("cannot bind %s to %s: %s", queue, exchange, e.getMessage())));
    }

    void stop(@Observes ShutdownEvent ignored) {
        vertx.cancelTimer(timer);
    }

    /** Binds every routing key; a missing exchange or queue closes the channel and ends the round. */
    void bind() throws Exception {
        Channel channel = broker.openChannel();
        try {
            for (String key : routingKeys) {
                channel.queueBind(queue, exchange, key);
            }
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
