package dev.nexus.identity.events;

import static org.awaitility.Awaitility.await;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.platform.events.Outbox;
import dev.nexus.testing.Broker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Outbox publish latency: from the commit of a transaction that wrote an event to the event's
 * arrival at a consumer queue, and (the relay's own timer) from the outbox insert to the broker's
 * publisher confirm. Prints figures; asserts nothing about time. Not part of the test suite:
 *
 * <pre>mvn -pl services/identity -am test -Dtest=OutboxLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
class OutboxLatencyBenchmark {

    private static final int WARM_UP = 300;
    private static final int EVENTS = 2_000;

    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry metrics;

    @Test
    void outbox_publish_latency() throws Throwable {
        try (Broker broker = Broker.open()) {
            Broker.Recorder recorder = broker.record("user.updated.v1");
            run(WARM_UP, recorder);
            long started = System.nanoTime();
            double[] commitToConsumer = run(EVENTS, recorder);
            double seconds = (System.nanoTime() - started) / 1e9;

            Arrays.sort(commitToConsumer);
            System.out.printf("%nOUTBOX BENCHMARK: %d events committed one transaction at a time in %.1f s (%.0f/s)%n",
                    EVENTS, seconds, EVENTS / seconds);
            System.out.printf("  commit -> consumer delivery   p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                    percentile(commitToConsumer, 50), percentile(commitToConsumer, 99),
                    commitToConsumer[commitToConsumer.length - 1]);
            var timer = metrics.find("nexus.outbox.publish.latency").timer();
            if (timer != null) {
                StringBuilder line = new StringBuilder("  insert -> publisher confirm  ");
                for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                    line.append(String.format(" p%.0f %.2f ms ", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
                }
                System.out.println(line.append(String.format(" (relay timer, last 2 min incl. warm-up, %d events)",
                        timer.count())));
            }
        }
    }

    /** Commits {@code count} events one after another; returns each commit-to-delivery time in ms. */
    private double[] run(int count, Broker.Recorder recorder) throws Throwable {
        Map<String, Long> committedAt = new HashMap<>();
        UUID batch = UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            CloudEvent<UserUpdated> event = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> outbox.publish(new UserUpdated(UUID.randomUUID(), "bench " + batch, "UTC", ""))));
            committedAt.put(event.id().toString(), System.nanoTime());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.all().stream()
                .filter(r -> committedAt.containsKey(r.event().getString("id"))).count() == count);
        return recorder.all().stream()
                .filter(r -> committedAt.containsKey(r.event().getString("id")))
                .mapToDouble(r -> (r.receivedNanos() - committedAt.get(r.event().getString("id"))) / 1e6)
                .toArray();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
