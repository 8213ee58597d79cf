package dev.nexus.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Gives a {@code @QuarkusTest} real PostgreSQL, Redis and RabbitMQ, isolated for this run.
 *
 * <p>With a Docker engine, the servers are Testcontainers started once per JVM; without one, the
 * servers at the usual addresses ({@code NEXUS_DB_HOST}, {@code NEXUS_REDIS_URL}, {@code RABBITMQ_HOST}
 * ..., default localhost). Either way the run gets its own database, its own exchange and queue
 * names (a {@code test-<run>.} prefix) and its own Redis key prefix, and removes them all on stop.
 *
 * <p>Use it once per test module, on any class: {@code @QuarkusTestResource(value =
 * NexusInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "identity"))}.
 */
public class NexusInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String service;
    private TestRun run;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", "service");
    }

    @Override
    public Map<String, String> start() {
        run = TestRun.create(Servers.get(), service);
        return run.config(service);
    }

    @Override
    public void stop() {
        if (run != null) {
            run.cleanUp();
        }
    }

    /** Docker is used unless NEXUS_TEST_INFRA=local, and only when an engine answers. */
    static boolean dockerAvailable() {
        if ("local".equalsIgnoreCase(System.getenv("NEXUS_TEST_INFRA"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
