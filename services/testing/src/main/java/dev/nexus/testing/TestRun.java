package dev.nexus.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One test run's private share of the servers: a database per service, a messaging prefix and a
 * Redis key prefix, all carrying a random run id, and their removal.
 */
public final class TestRun {

    private static final Logger LOG = Logger.getLogger(TestRun.class);

    private final Servers servers;
    private final List<String> services;
    private final String id;

    private TestRun(Servers servers, List<String> services, String id) {
        this.servers = servers;
        this.services = List.copyOf(services);
        this.id = id;
    }

    /** Creates the run's databases, one per service. */
    public static TestRun create(Servers servers, String... services) {
        TestRun run = new TestRun(servers, List.of(services), UUID.randomUUID().toString().substring(0, 8));
        for (String service : services) {
            run.sql("postgres", "create database " + run.database(service));
        }
        return run;
    }

    public Servers servers() {
        return servers;
    }

    public String database(String service) {
        return databasePrefix() + service;
    }

    /** What every database of the run starts with; the service's name follows. */
    public String databasePrefix() {
        return "nexus_test_" + id + "_";
    }

    public String messagingPrefix() {
        return "test-" + id + ".";
    }

    public String redisPrefix(String service) {
        return redisKeyPrefix() + service + ":";
    }

    /** What every Redis key of the run starts with. */
    public String redisKeyPrefix() {
        return "test-" + id + ":";
    }

    /** Configuration overrides that put {@code service} on this run's share of the servers. */
    public Map<String, String> config(String service) {
        Map<String, String> config = new java.util.HashMap<>(servers.config());
        config.put("nexus.db.name", database(service));
        config.put("nexus.messaging.prefix", messagingPrefix());
        config.put("nexus.cache.prefix", redisPrefix(service));
        return config;
    }

    /** Drops the databases, the run's exchanges and queues, and its Redis keys. */
    public void cleanUp() {
        for (String service : services) {
            try {
                sql("postgres", "drop database if exists " + database(service) + " with (force)");
            } catch (RuntimeException e) {
                LOG.warnf("could not drop %s: %s", database(service), e.getMessage());
            }
        }
        deleteBrokerObjects();
        deleteRedisKeys();
    }

    private void deleteBrokerObjects() {
        String p = messagingPrefix();
        try (Connection connection = Broker.connect(servers)) {
            List<Runnable> deletions = new ArrayList<>();
            for (String service : services) {
                for (String queue : List.of(service + ".events", service + ".events.dlq")) {
                    deletions.add(() -> withChannel(connection, ch -> ch.queueDelete(p + queue)));
                }
            }
            for (String exchange : List.of("nexus.events", "nexus.dlx")) {
                deletions.add(() -> withChannel(connection, ch -> ch.exchangeDelete(p + exchange)));
            }
            deletions.forEach(Runnable::run);
        } catch (Exception e) {
            LOG.warnf("could not remove the run's RabbitMQ objects: %s", e.getMessage());
        }
    }

    private void deleteRedisKeys() {
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, servers.redisUrl());
            Response keys = redis.send(Request.cmd(Command.KEYS).arg(redisKeyPrefix() + "*"))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            if (keys != null && keys.size() > 0) {
                Request del = Request.cmd(Command.DEL);
                keys.forEach(k -> del.arg(k.toString()));
                redis.send(del).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            redis.close();
        } catch (Exception e) {
            LOG.warnf("could not remove the run's Redis keys: %s", e.getMessage());
        } finally {
            vertx.close();
        }
    }

    private interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    /** Each deletion on its own channel: a failed one closes its channel, not the others. */
    private static void withChannel(Connection connection, ChannelWork work) {
        try (Channel channel = connection.createChannel()) {
            work.run(channel);
        } catch (Exception e) {
            LOG.debugf("broker clean-up: %s", e.getMessage());
        }
    }

    private void sql(String database, String statement) {
        try (var connection = DriverManager.getConnection(servers.jdbcUrl(database), servers.dbUser(),
                servers.dbPassword()); var st = connection.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + servers.dbHost() + ":" + servers.dbPort()
                    + " refused '" + statement + "': " + e.getMessage(), e);
        }
    }
}
