package dev.nexus.testing;

import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Where the test servers are: Testcontainers (started once per JVM) or the local servers. Read
 * the same environment variables as the services, so a test run and {@code ./nexus up} agree.
 */
public record Servers(String dbHost, int dbPort, String dbUser, String dbPassword,
        String redisUrl, String rabbitHost, int rabbitPort, String rabbitUser, String rabbitPassword) {

    private static Servers instance;

    public static synchronized Servers get() {
        if (instance == null) {
            instance = NexusInfrastructure.dockerAvailable() ? containers() : local();
        }
        return instance;
    }

    static Servers local() {
        return new Servers(
                env("NEXUS_DB_HOST", "localhost"), Integer.parseInt(env("NEXUS_DB_PORT", "5432")),
                env("NEXUS_DB_USER", "postgres"), env("NEXUS_DB_PASSWORD", "postgres"),
                env("NEXUS_REDIS_URL", "redis://localhost:6379"),
                env("RABBITMQ_HOST", "localhost"), Integer.parseInt(env("RABBITMQ_PORT", "5672")),
                env("RABBITMQ_USERNAME", "guest"), env("RABBITMQ_PASSWORD", "guest"));
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    static Servers containers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-alpine");
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        postgres.start();
        rabbit.start();
        redis.start();
        return new Servers(postgres.getHost(), postgres.getMappedPort(5432), postgres.getUsername(),
                postgres.getPassword(), "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(), rabbit.getAdminPassword());
    }

    /** The service configuration that points at these servers. */
    public Map<String, String> config() {
        return Map.of(
                "nexus.db.host", dbHost,
                "nexus.db.port", String.valueOf(dbPort),
                "quarkus.datasource.username", dbUser,
                "quarkus.datasource.password", dbPassword,
                "quarkus.redis.hosts", redisUrl,
                "rabbitmq-host", rabbitHost,
                "rabbitmq-port", String.valueOf(rabbitPort),
                "rabbitmq-username", rabbitUser,
                "rabbitmq-password", rabbitPassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
