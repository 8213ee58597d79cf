package dev.nexus.platform.events;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This process's own connection to RabbitMQ for the outbox relay and {@link QueueBindings}, apart
 * from the messaging connector's. Opened when first needed and opened again by the next caller after
 * it was lost (a broker restart, a network cut): nothing here waits for an automatic recovery that
 * may never come. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class BrokerConnection {

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String name;
    private Connection connection;

    BrokerConnection(@ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String user,
            @ConfigProperty(name = "rabbitmq-password") String password,
            @ConfigProperty(name = "nexus.service.name") String service) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        // a broker that stops answering is noticed in seconds, not after the client's 10-minute defaults
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(10);
        factory.setChannelRpcTimeout(10_000);
        factory.setAutomaticRecoveryEnabled(false);
        this.name = service + "-outbox";
    }

    /** A new channel; the caller closes it, or lets a broker error close it. */
    public synchronized Channel openChannel() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            connection = factory.newConnection(name);
        }
        return connection.createChannel();
    }

    synchronized void close(@Observes ShutdownEvent ignored) {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(2_000);
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
