package dev.nexus.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test's own connection to the run's RabbitMQ objects (the {@code test-<run>.} names): watch
 * what services publish, publish raw messages, read a dead-letter queue.
 */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String prefix;

    private Broker(Connection connection, String prefix) throws Exception {
        this.connection = connection;
        this.channel = connection.createChannel();
        this.prefix = prefix;
    }

    /** Connects with the configuration of the service under test. */
    public static Broker open() {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        try {
            return new Broker(factory.newConnection("nexus-test"),
                    config.getOptionalValue("nexus.messaging.prefix", String.class).orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ is not reachable: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to a run's servers from a test that runs no Quarkus application (the e2e tests, which
     * start the services as processes on one {@link TestRun}).
     */
    public static Broker open(TestRun run) {
        try {
            return new Broker(connect(run.servers()), run.messagingPrefix());
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ is not reachable: " + e.getMessage(), e);
        }
    }

    static Connection connect(Servers servers) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(servers.rabbitHost());
        factory.setPort(servers.rabbitPort());
        factory.setUsername(servers.rabbitUser());
        factory.setPassword(servers.rabbitPassword());
        return factory.newConnection("nexus-test-cleanup");
    }

    /** The run's name for a broker object, e.g. {@code nexus.events}. */
    public String name(String plain) {
        return prefix + plain;
    }

    /**
     * A private queue bound to {@code nexus.events} with these routing keys; it records every
     * event published from now on and disappears with this broker connection.
     */
    public Recorder record(String... routingKeys) {
        try {
            channel.exchangeDeclare(name("nexus.events"), "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            for (String key : routingKeys) {
                channel.queueBind(queue, name("nexus.events"), key);
            }
            Recorder recorder = new Recorder();
            DeliverCallback onMessage = (tag, delivery) -> recorder.received.add(new Received(
                    delivery.getEnvelope().getRoutingKey(), delivery.getProperties(),
                    new JsonObject(new String(delivery.getBody(), StandardCharsets.UTF_8)), System.nanoTime()));
            channel.basicConsume(queue, true, onMessage, tag -> {
            });
            return recorder;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes to {@code nexus.events}, as a misbehaving producer could. */
    public void publish(String routingKey, String body) {
        try {
            channel.basicPublish(name("nexus.events"), routingKey,
                    new AMQP.BasicProperties.Builder().contentType("application/cloudevents+json").deliveryMode(2).build(),
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes an event to {@code nexus.events} on its type's routing key, as a service's outbox
     * relay would: how a consuming service's test feeds it events.
     */
    public void publish(CloudEvent<?> event) {
        String routingKey = EventType.fromType(event.type())
                .orElseThrow(() -> new IllegalArgumentException("not a Nexus event type: " + event.type()))
                .routingKey();
        publish(routingKey, Events.json(event));
    }

    /**
     * Publishes the event and waits, up to 20 s, until the service under test has handled it: its
     * inbox holds the event's id (the inbox records it in the transaction that applies it).
     */
    public void publishAndWait(CloudEvent<?> event) {
        publish(event);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Db.value("select count(*) from inbox where event_id = ?", event.id()).equals(1L));
    }

    /** Deletes an exchange of this run (e.g. {@code nexus.events}), as an operator's mistake could. */
    public void deleteExchange(String plain) {
        try {
            channel.exchangeDelete(name(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a queue of this run (e.g. {@code notifications.events}) with what it holds. */
    public void deleteQueue(String plain) {
        try {
            channel.queueDelete(name(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the next message of a queue (e.g. a DLQ), or null when it is empty. */
    public String take(String plainQueue) {
        try {
            GetResponse response = channel.basicGet(name(plainQueue), true);
            return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages ready in a queue. */
    public long messageCount(String plainQueue) {
        try {
            return channel.queueDeclarePassive(name(plainQueue)).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    /** One delivery; {@code receivedNanos} is {@link System#nanoTime()} at arrival, for benchmarks. */
    public record Received(String routingKey, AMQP.BasicProperties properties, JsonObject event, long receivedNanos) {
    }

    /** What a {@link #record} queue has received so far, in arrival order. */
    public static final class Recorder {
        private final List<Received> received = new CopyOnWriteArrayList<>();

        public List<Received> all() {
            return List.copyOf(received);
        }

        /** Events whose {@code subject} is this aggregate id. */
        public List<Received> about(Object subject) {
            return received.stream().filter(r -> r.event().getString("subject").equals(String.valueOf(subject))).toList();
        }
    }
}
