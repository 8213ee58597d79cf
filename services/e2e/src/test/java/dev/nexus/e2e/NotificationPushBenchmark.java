package dev.nexus.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.nexus.testing.Tokens;
import io.restassured.http.ContentType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Push benchmark of issue 5, on the whole platform (five processes: identity, sessions, notes and two
 * notifications replicas). Groups of 100 members, every member connected over WebSocket (spread
 * over both replicas); the owners schedule sessions at a steady rate so that members receive
 * {@code bench.rate} notifications per second in total. Prints the notifications persisted and
 * pushed per second and the latency from each scheduling POST to each member's socket receiving
 * it (p50, p99), split at the notification's {@code createdAt}, the cores each process used while
 * measured, and each process's inbox and outbox timers. Asserts nothing; not part of {@code mvn verify}. Run:
 *
 * <pre>
 * mvn -pl services/e2e -am verify -Dit.test=NotificationPushBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnexus.e2e.jvm="-Xmx512m" [-Dbench.groups=5 -Dbench.rate=2000 -Dbench.seconds=20 -Dbench.warmup=30]
 * </pre>
 */
class NotificationPushBenchmark {

    private static final int MEMBERS = 100;

    @Test
    void push_latency_from_scheduling_to_every_members_websocket() throws Exception {
        int groups = Integer.getInteger("bench.groups", 5);
        int rate = Integer.getInteger("bench.rate", 2000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 30);
        try (Platform platform = Platform.start()) {
            String sessions = platform.url("sessions");
            List<String> owners = new ArrayList<>();
            List<String> groupIds = new ArrayList<>();
            List<String> memberTokens = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                String owner = Tokens.forUser(UUID.randomUUID(), "Owner " + g, "Europe/Berlin");
                String groupId = given().baseUri(sessions).auth().oauth2(owner).contentType(ContentType.JSON)
                        .body(Map.of("name", "Bench " + g, "visibility", "PUBLIC")).when().post("/api/v1/groups")
                        .then().statusCode(201).extract().path("id");
                owners.add(owner);
                groupIds.add(groupId);
                for (int m = 1; m < MEMBERS; m++) {
                    String member = Tokens.forUser(UUID.randomUUID(), "Member " + g + "." + m, "Europe/Berlin");
                    given().baseUri(sessions).auth().oauth2(member).contentType(ContentType.JSON)
                            .when().post("/api/v1/groups/" + groupId + "/members").then().statusCode(201);
                    memberTokens.add(member);
                }
            }
            int expectedMembers = groups * MEMBERS;
            await().atMost(Duration.ofSeconds(120)).until(() -> members(platform) == expectedMembers);

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Object[]> arrivals = new ConcurrentLinkedQueue<>();
            // Vert.x's WebSocket client (one event loop for all sockets): the JDK client cost the machine
            // more CPU than the services it measures
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
            List<Future<WebSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < memberTokens.size(); i++) {
                String replica = platform.url(i % 2 == 0 ? "notifications" : Platform.NOTIFICATIONS_B);
                String ticket = given().baseUri(replica).auth().oauth2(memberTokens.get(i))
                        .when().post("/api/v1/notifications/stream-ticket").then().statusCode(200)
                        .extract().path("ticket");
                URI uri = URI.create(replica);
                connecting.add(wsClient.connect(uri.getPort(), uri.getHost(),
                        "/api/v1/notifications/stream?ticket=" + ticket).onSuccess(ws -> ws.textMessageHandler(text -> {
                            long at = System.nanoTime();
                            // unread counts and other types are skipped unparsed
                            if (text.contains("\"session.scheduled\"")) {
                                JsonObject n = new JsonObject(text).getJsonObject("notification");
                                arrivals.add(new Object[] { n.getString("link"), at,
                                        Instant.parse(n.getString("createdAt")) });
                            }
                        })));
            }
            List<WebSocket> sockets = new ArrayList<>();
            for (Future<WebSocket> c : connecting) {
                sockets.add(c.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            }

            int perSession = MEMBERS - 1;
            int sessionsPerSecond = Math.max(1, Math.round((float) rate / perSession));
            int warmupSessions = sessionsPerSecond * warmup;
            int total = sessionsPerSecond * (warmup + seconds);
            Set<String> warmupLinks = ConcurrentHashMap.newKeySet();
            // HTTP/1.1, a connection per request in flight, as browsers of several organizers would (the default
            // h2c upgrade would put every POST on one connection, and so on one event loop of sessions)
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<?>> posts = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            // CPU snapshots at the start and the end of the measured sending, off the clock that sends
            ScheduledExecutorService cpuClock = Executors.newSingleThreadScheduledExecutor();
            List<CpuUse> cpu = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            String startsAt = OffsetDateTime.now().plusDays(30).withNano(0).toString();
            long firstSend = System.nanoTime();
            long clockOffset = firstSend - epochNanos(Instant.now());
            clock.scheduleAtFixedRate(() -> {
                int n = next.getAndIncrement();
                if (n >= total) {
                    return;
                }
                int g = n % groups;
                HttpRequest post = HttpRequest.newBuilder(URI.create(sessions + "/api/v1/groups/" + groupIds.get(g)
                                + "/sessions"))
                        .header("Authorization", "Bearer " + owners.get(g)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", "Bench " + n)
                                .put("startsAt", startsAt).put("durationMinutes", 60).put("timeZone", "Europe/Berlin")
                                .encode()))
                        .build();
                long t0 = System.nanoTime();
                posts.add(http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                    if (response.statusCode() != 201) {
                        failed.incrementAndGet();
                        return;
                    }
                    String link = "/api/v1/sessions/" + new JsonObject(response.body()).getString("id");
                    if (n < warmupSessions) {
                        warmupLinks.add(link);
                    }
                    sentAt.put(link, t0);
                }));
            }, 0, 1_000_000 / sessionsPerSecond, TimeUnit.MICROSECONDS);
            for (int at : new int[] { warmup, warmup + seconds }) {
                cpuClock.schedule(() -> cpu.add(CpuUse.snapshot(platform.processes())), at, TimeUnit.SECONDS);
            }

            // wait for every notification of every scheduled session, printing progress; give up after a while
            AtomicInteger shown = new AtomicInteger(-1);
            try {
                await().atMost(Duration.ofSeconds(warmup + seconds + 120L)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            if (arrivals.size() / 5000 != shown.get()) {
                                shown.set(arrivals.size() / 5000);
                                System.out.printf("  ... %d notifications received, %d sessions scheduled%n",
                                        arrivals.size(), sentAt.size());
                            }
                            return next.get() >= total && posts.size() >= total
                                    && posts.stream().allMatch(CompletableFuture::isDone)
                                    && arrivals.size() >= (long) sentAt.size() * perSession;
                        });
            } catch (ConditionTimeoutException e) {
                System.out.println("  (stopped waiting: not every notification arrived)");
            }
            clock.shutdownNow();
            cpuClock.shutdownNow();
            sockets.forEach(WebSocket::close);
            vertx.close();

            List<Long> latencies = new ArrayList<>();
            List<Long> toStored = new ArrayList<>();
            List<Long> fromStored = new ArrayList<>();
            long measuredFrom = firstSend + TimeUnit.SECONDS.toNanos(warmup);
            long lastArrival = measuredFrom;
            for (Object[] a : arrivals) {
                Long t0 = sentAt.get((String) a[0]);
                if (t0 != null && !warmupLinks.contains((String) a[0])) {
                    long at = (Long) a[1];
                    long stored = nanoTimeOf((Instant) a[2], clockOffset);
                    latencies.add(at - t0);
                    toStored.add(stored - t0);
                    fromStored.add(at - stored);
                    lastArrival = Math.max(lastArrival, at);
                }
            }
            Collections.sort(latencies);
            Collections.sort(toStored);
            Collections.sort(fromStored);
            double elapsed = (lastArrival - measuredFrom) / 1e9;
            System.out.printf("%nnotification push benchmark: %d groups x %d members (%d sockets on 2 replicas),"
                            + " %d sessions/s for %d s after a %d s warm-up%n", groups, MEMBERS, sockets.size(),
                    sessionsPerSecond, seconds, warmup);
            System.out.printf("  sessions scheduled: %d (failed POSTs: %d); notifications received: %d of %d%n",
                    sentAt.size(), failed.get(), latencies.size(), (long) (sentAt.size() - warmupLinks.size()) * perSession);
            System.out.printf("  throughput: %.0f notifications persisted+pushed per second%n", latencies.size() / elapsed);
            System.out.printf("  POST -> WebSocket latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
            // the notification's createdAt is now() of the notifications transaction that stored it
            System.out.printf("    of which POST -> notifications transaction began (sessions, outbox relay, broker,"
                            + " queue): p50 %.1f ms, p99 %.1f ms%n", percentile(toStored, 50), percentile(toStored, 99));
            System.out.printf("    and transaction began -> WebSocket (store, commit, count, Redis pub/sub, socket):"
                            + " p50 %.1f ms, p99 %.1f ms%n", percentile(fromStored, 50), percentile(fromStored, 99));
            if (cpu.size() == 2) {
                cpu.get(1).printSince(cpu.get(0), System.out);
            }
            platform.printMetrics(System.out, "nexus_inbox_handling_seconds", "nexus_outbox_publish_latency_seconds");
        }
    }

    private static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static long nanoTimeOf(Instant at, long clockOffset) {
        return epochNanos(at) + clockOffset;
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static long members(Platform platform) throws Exception {
        var servers = platform.run().servers();
        try (var connection = DriverManager.getConnection(platform.jdbcUrl("notifications"), servers.dbUser(),
                servers.dbPassword()); var st = connection.createStatement();
                var rs = st.executeQuery("select count(*) from group_members where role is not null")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
