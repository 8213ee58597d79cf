package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.testing.Broker;
import dev.nexus.testing.Servers;
import dev.nexus.testing.TcpProxy;
import dev.nexus.testing.Tokens;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault scenarios of issue 12, reproduced against the real servers: an organizer schedules
 * sessions for a group of 20 members through the gateway at 5 per second; part of the way in, one
 * part fails for a while (a service killed with SIGKILL and started again, PostgreSQL, Redis or
 * RabbitMQ cut off, a poison message on the exchange, the exchange deleted). Afterwards every (session, member)
 * notification is counted: none may be lost or duplicated, and every request the organizer sent
 * is answered, a failure only as a clean 502/503/504 problem. The services reach PostgreSQL, Redis
 * and RabbitMQ through {@link TcpProxy}s, whose cut drops every connection as a server restart does;
 * the servers themselves are never touched. Part of {@code mvn verify} (about 3 minutes); alone:
 *
 * <pre>
 * mvn -pl services/e2e -am verify -Dit.test=FaultInjectionIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dfault.seconds=20 -Dfault.at=6 -Dfault.outage=10]
 * </pre>
 */
class FaultInjectionIT {

    private static final int MEMBERS = 20;
    private static final int PER_SECOND = 5;
    private static final int SECONDS = Integer.getInteger("fault.seconds", 20);
    private static final int FAULT_AT = Integer.getInteger("fault.at", 6);
    private static final int OUTAGE = Integer.getInteger("fault.outage", 10);

    enum Fault { NONE, KILL_NOTIFICATIONS, KILL_SESSIONS, REDIS_OUTAGE, POSTGRESQL_OUTAGE, RABBITMQ_OUTAGE, POISON_MESSAGE,
        EXCHANGE_DELETED }

    private static final Servers SERVERS = Servers.get();
    private static TcpProxy postgresql;
    private static TcpProxy redis;
    private static TcpProxy rabbitmq;
    private static Platform platform;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        postgresql = TcpProxy.to("postgresql://" + SERVERS.dbHost() + ":" + SERVERS.dbPort());
        redis = TcpProxy.to(SERVERS.redisUrl());
        rabbitmq = TcpProxy.to("amqp://" + SERVERS.rabbitHost() + ":" + SERVERS.rabbitPort());
        URI redisUrl = URI.create(SERVERS.redisUrl());
        platform = Platform.start("faults", Map.of("nexus.db.host", "localhost", "nexus.db.port", String.valueOf(postgresql.port()),
                "quarkus.redis.hosts", redisUrl.getScheme() + "://localhost:" + redis.port(),
                "rabbitmq-host", "localhost", "rabbitmq-port", String.valueOf(rabbitmq.port())));
    }

    @AfterAll
    static void stop() {
        System.out.printf("%nfault injection: %d sessions/s for %d s, fault at %d s for %d s, group of %d members%n",
                PER_SECOND, SECONDS, FAULT_AT, OUTAGE, MEMBERS);
        System.out.printf("%-20s %9s %9s %9s %6s %6s %-28s %s%n", "fault", "sessions", "expected", "delivered", "lost",
                "dupl.", "client failures", "all delivered after load");
        REPORT.forEach(System.out::println);
        if (platform != null) {
            platform.close();
        }
        List.of(postgresql, redis, rabbitmq).forEach(TcpProxy::close);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void nothing_is_lost_or_duplicated_and_every_request_is_answered(Fault fault) throws Exception {
        String owner = Tokens.forUser(UUID.randomUUID(), "Organizer", "Europe/Berlin");
        String groupId = given().baseUri(platform.url("sessions")).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Faults " + fault, "visibility", "PUBLIC")).when().post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        for (int m = 0; m < MEMBERS; m++) {
            given().baseUri(platform.url("sessions")).auth().oauth2(Tokens.forUser(UUID.randomUUID(), "Member " + m, "UTC"))
                    .contentType(ContentType.JSON).when().post("/api/v1/groups/" + groupId + "/members")
                    .then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> number("notifications",
                "select count(*) from group_members where group_id = ?::uuid and role is not null", groupId) == MEMBERS + 1);

        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String startsAt = OffsetDateTime.now().plusDays(30).withNano(0).toString();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= SECONDS * PER_SECOND) {
                return;
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create(platform.url(Platform.GATEWAY) + "/api/v1/groups/"
                            + groupId + "/sessions")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", fault + " " + n)
                            .put("startsAt", startsAt).put("durationMinutes", 60).put("timeZone", "Europe/Berlin").encode()))
                    .build();
            answers.add(http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                String outcome = error != null ? (error.getCause() instanceof HttpTimeoutException ? "hang" : "no answer")
                        : response.statusCode() == 201 ? null
                        : response.statusCode() + (response.headers().firstValue("content-type").orElse("")
                                .startsWith("application/problem+json") ? "" : " (not a problem)");
                if (outcome != null) {
                    failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(FAULT_AT + 30L)).until(() -> sent.get() >= FAULT_AT * PER_SECOND);
        inject(fault, sent);
        await().atMost(Duration.ofSeconds(SECONDS + 60L)).until(() -> sent.get() >= SECONDS * PER_SECOND
                && answers.stream().allMatch(CompletableFuture::isDone));
        clock.shutdownNow();
        long loadEnded = System.nanoTime();

        // A request the gateway gave up on (504) may still commit afterwards, so the sessions are counted
        // again on every poll: what is stored in the end is what must be notified.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> delivered(groupId) >= sessions(groupId) * MEMBERS);
        double recovered = (System.nanoTime() - loadEnded) / 1e9;
        long sessions = sessions(groupId);
        long expected = sessions * MEMBERS;
        long delivered = delivered(groupId);
        long distinct = number("notifications", "select count(distinct (link, recipient_id)) from notifications"
                + " where type = 'session.scheduled' and group_id = ?::uuid", groupId);
        REPORT.add(String.format("%-20s %9d %9d %9d %6d %6d %-28s %.1f s", fault, sessions, expected, delivered,
                Math.max(0, expected - distinct), delivered - distinct, new TreeMap<>(failures), recovered));

        assertEquals(expected, distinct, "every (session, member) notified");
        assertEquals(distinct, delivered, "no notification twice");
        assertTrue(failures.keySet().stream().allMatch(f -> f.equals("502") || f.equals("503") || f.equals("504")),
                "failures other than clean 502/503/504 problems: " + failures);
        if (fault == Fault.NONE || fault == Fault.POISON_MESSAGE || fault == Fault.KILL_NOTIFICATIONS
                || fault == Fault.REDIS_OUTAGE || fault == Fault.RABBITMQ_OUTAGE || fault == Fault.EXCHANGE_DELETED) {
            assertTrue(failures.isEmpty(), fault + " must not fail any scheduling: " + failures);
        }
    }

    /**
     * Makes one part fail, then come back once the organizer has sent {@link #OUTAGE} seconds' worth of
     * requests more (the load's own clock).
     */
    private static void inject(Fault fault, AtomicInteger sent) throws Exception {
        Step back = () -> await().atMost(Duration.ofSeconds(OUTAGE + 30L))
                .until(() -> sent.get() >= (FAULT_AT + OUTAGE) * PER_SECOND);
        switch (fault) {
            case NONE -> {
            }
            case KILL_NOTIFICATIONS -> outage(() -> platform.kill("notifications"), back,
                    () -> platform.restart("notifications"));
            case KILL_SESSIONS -> outage(() -> platform.kill("sessions"), back, () -> platform.restart("sessions"));
            case REDIS_OUTAGE -> outage(redis::cut, back, redis::restore);
            case POSTGRESQL_OUTAGE -> outage(postgresql::cut, back, postgresql::restore);
            case RABBITMQ_OUTAGE -> outage(rabbitmq::cut, back, rabbitmq::restore);
            case POISON_MESSAGE -> poison();
            case EXCHANGE_DELETED -> {
                try (Broker broker = Broker.open(platform.run())) {
                    broker.deleteExchange("nexus.events");
                }
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void outage(Step fail, Step until, Step recover) throws Exception {
        fail.run();
        until.run();
        recover.run();
    }

    /** Bytes that are no event, on the routing key every consumer of scheduled sessions listens to. */
    private static void poison() {
        try (Broker broker = Broker.open(platform.run())) {
            for (String body : List.of("not json at all",
                    "{\"specversion\":\"1.0\",\"type\":\"nexus.session.scheduled.v1\"}",
                    "{\"specversion\":\"1.0\",\"type\":\"nexus.session.scheduled.v1\",\"id\":\"x\",\"data\":[]}")) {
                broker.publish("session.scheduled.v1", body);
            }
        }
    }

    private static long sessions(String groupId) throws Exception {
        return number("sessions", "select count(*) from coding_sessions where group_id = ?::uuid", groupId);
    }

    private static long delivered(String groupId) throws Exception {
        return number("notifications", "select count(*) from notifications where type = 'session.scheduled'"
                + " and group_id = ?::uuid", groupId);
    }

    private static long number(String service, String sql, String parameter) throws Exception {
        try (var connection = DriverManager.getConnection(platform.jdbcUrl(service), SERVERS.dbUser(), SERVERS.dbPassword());
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
