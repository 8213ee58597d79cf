package dev.nexus.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.nexus.testing.Servers;
import dev.nexus.testing.StreamClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's load test: two replicas of every service behind the two gateways and a mix of what
 * study groups do, {@code load.rate} actions a second (15) for {@code load.seconds} (60): people
 * register and join groups, organizers schedule and reschedule sessions of three places, members
 * RSVP into waitlists (capacity 3) and out of them, post notes and comment with mentions, pose
 * problems, solve them and accept a solution, and read sessions, agendas and notes; eight people hold notification streams, half on each notifications
 * replica. Halfway through, the second replica of every service is killed (SIGKILL); the streams on
 * it reconnect to the other replica and resume after the last notification they saw.
 *
 * <p>Afterwards, from the databases and what the clients received: every member who had joined
 * before a session was scheduled is told of it exactly once, whichever replicas handled the join and
 * the scheduling (and no one else twice); every comment tells its target's author and the mentioned
 * once each; every solution tells the problem's author once, other solvers at most once, an
 * accepted solution its author once; every session is in the other services' projections; no session holds more GOING than
 * its capacity or a waitlist beside a free place; every unread count equals the stored unread rows;
 * every stream received exactly the notifications stored for its person, none twice on one
 * connection (a replay after a reconnect may send one again: counted and printed); the clients saw
 * no failure but the 502/503/504 problems the gateway could not hide; every e-mail asked for was sent
 * once (to an SMTP server in the test); three people past 08:00 in their zone got one daily digest
 * each; every reminder due fired once, with one notification (one session in five starts 10
 * minutes and 15 seconds after it is scheduled); every group news of the kinds each group's webhook
 * takes was posted to it and accepted once (by a receiver in the test that turns every tenth post
 * away with a 503; the first group's webhook gets signed CloudEvents, and every signature verifies).
 * Figures are printed. In
 * {@code mvn verify}; alone, for longer:
 *
 * <pre>
 * mvn -pl services/e2e verify -Dit.test=ReplicasLoadIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dload.seconds=300 [-Dload.rate=15]
 * </pre>
 */
class ReplicasLoadIT {

    private static final int SECONDS = Integer.getInteger("load.seconds", 60);
    private static final int RATE = Integer.getInteger("load.rate", 15);
    private static final int GROUPS = 3;
    private static final int FIRST_MEMBERS = 6;
    private static final int STREAMS = 8;
    private static final int CAPACITY = 3;
    private static final int DIGESTERS = 3;
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo");
    private static final Duration SETTLE = Duration.ofSeconds(180);
    /** The web app's page of a session, as e-mails link it. */
    private static final Pattern SESSION_LINK = Pattern.compile("/sessions/([0-9a-f-]{36})");

    /** The group news each group's webhook takes: the three whose events the databases can count. */
    private static final List<String> HOOKED = List.of("session.scheduled", "note.posted", "group.member-joined");

    private static GreenMail mail;
    private static Platform platform;
    /** The groups' webhook receiver: answers 503 to every tenth post, 204 otherwise. */
    private static HttpServer hooks;
    /** What the receiver answered, by the posts' webhook-id header. */
    private static final Map<String, List<Integer>> hookAnswers = new ConcurrentHashMap<>();
    /** The signing secret by the path of a signed (CLOUDEVENTS) webhook; posts there must verify. */
    private static final Map<String, String> hookSecrets = new ConcurrentHashMap<>();
    private static final List<String> badSignatures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        AtomicInteger posts = new AtomicInteger();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.setExecutor(Executors.newFixedThreadPool(4));
        hooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String secret = hookSecrets.get(exchange.getRequestURI().getPath());
            if (secret != null && !signed(secret, exchange.getRequestHeaders(), body)) {
                badSignatures.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            int status = posts.incrementAndGet() % 10 == 0 ? 503 : 204;
            hookAnswers.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    id -> new CopyOnWriteArrayList<>()).add(status);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hooks.start();
        // ten processes beside the shared platform's (five services, pools of 8 and JDBC 2): reactive pools
        // of 3, and the JDBC connections Flyway used closed 10 s after start, keep PostgreSQL's
        // max_connections (100) away (pools of 4 with idle JDBC connections once ran out)
        platform = Platform.startEveryServiceTwice("replicas", Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()),
                "quarkus.datasource.reactive.max-size", "3", "quarkus.datasource.jdbc.idle-removal-interval", "10S",
                "nexus.digest.interval", "5s",
                // the receiver is on loopback over http: allowed here only
                "nexus.webhooks.allowed-hosts", "127.0.0.1", "nexus.webhooks.require-https", "false",
                "nexus.webhooks.allow-private-addresses", "true", "nexus.webhooks.backoff", "1s"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    private record Person(UUID id, String name, String email, String token) {
    }

    private static final class Group {
        final UUID id;
        final Person owner;
        final List<Person> members = new CopyOnWriteArrayList<>();
        final List<String> sessions = new CopyOnWriteArrayList<>();
        final List<String> notes = new CopyOnWriteArrayList<>();
        final List<Problem> problems = new CopyOnWriteArrayList<>();
        /** The members notes' projection holds (its actions and reads need it): see {@link #refreshKnownToNotes}. */
        final Set<UUID> knownToNotes = ConcurrentHashMap.newKeySet();

        Group(UUID id, Person owner) {
            this.id = id;
            this.owner = owner;
            members.add(owner);
        }

        Person anyMember() {
            return members.get(ThreadLocalRandom.current().nextInt(members.size()));
        }

        /** A member notes knows: one its projection holds, or else the owner. */
        Person settledMember() {
            Person member = anyMember();
            return knownToNotes.contains(member.id()) ? member : owner;
        }
    }

    /** A problem and its solutions; {@code accepting}: one of them was (or is being) accepted. */
    private record Problem(String id, Person author, List<String> solutions, AtomicBoolean accepting) {

        Problem(String id, Person author) {
            this(id, author, new CopyOnWriteArrayList<>(), new AtomicBoolean());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Answers by action and outcome: "rsvp 200", "join 502" ... */
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    /** Answers no client should ever get. */
    private final List<String> wrong = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();

    @Test
    void every_effect_happens_once_across_two_replicas_of_everything_even_when_one_of_each_is_killed()
            throws Exception {
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            Person owner = register().get();
            JsonObject made = send("group", "POST", "/api/v1/groups", owner,
                    new JsonObject().put("name", "Load " + g).put("visibility", "PUBLIC")).get();
            Group group = new Group(UUID.fromString(made.getString("id")), owner);
            for (int m = 0; m < FIRST_MEMBERS; m++) {
                join(group).get();
            }
            groups.add(group);
        }
        // three in group 0 live where it is past 08:00, so their daily digest is due at once
        String digestZone = zoneAfterEight();
        for (int d = 0; d < DIGESTERS; d++) {
            join(groups.get(0), register(digestZone)).get();
        }
        List<Person> digesters = List.copyOf(groups.get(0).members
                .subList(FIRST_MEMBERS + 1, FIRST_MEMBERS + 1 + DIGESTERS));
        String groupIds = "{" + groups.stream().map(g -> g.id.toString()).collect(Collectors.joining(",")) + "}";
        for (String service : List.of("notes", "notifications")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(strings(service, "select count(*) from"
                    + " group_members where group_id = any(?::uuid[]) and role is not null", groupIds).get(0))
                    == GROUPS * (FIRST_MEMBERS + 1L) + DIGESTERS);
        }
        // each group's owner registers a webhook for its news: the first group's gets signed CloudEvents
        for (Group group : groups) {
            String format = group == groups.get(0) ? "CLOUDEVENTS" : "CHAT";
            JsonObject hook = send("webhook", "POST", "/api/v1/webhooks", group.owner, new JsonObject()
                    .put("groupId", group.id.toString()).put("format", format)
                    .put("url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/" + group.id)
                    .put("kinds", new JsonArray(HOOKED))).get();
            if (format.equals("CLOUDEVENTS")) {
                hookSecrets.put("/" + group.id, hook.getString("secret"));
            }
        }
        // a note from each owner, so that every stream holder has a notification to resume after
        for (Group group : groups) {
            postNote(group, group.owner).get();
        }
        // every other first member wants sessions' news by e-mail as well
        List<Person> mailed = new ArrayList<>();
        for (Group group : groups) {
            for (int m = 1; m <= FIRST_MEMBERS; m += 2) {
                Person person = group.members.get(m);
                send("preferences", "PUT", "/api/v1/notification-preferences", person,
                        new JsonObject().put("channels", new JsonObject().put("session.scheduled", "EMAIL"))).get();
                mailed.add(person);
            }
        }
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            Person person = groups.get(i % GROUPS).members.get(1 + i / GROUPS);
            streams.add(new Stream(person, i % 2 == 0 ? "notifications" : Platform.NOTIFICATIONS_B));
        }

        // once they have the owner's note unread, they take the daily digest (one e-mail a day, no other)
        for (Person digester : digesters) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !new JsonObject(call("list", "GET",
                    "/api/v1/notifications", digester, null, Map.of()).get().body()).getJsonArray("items").isEmpty());
            send("preferences", "PUT", "/api/v1/notification-preferences", digester,
                    new JsonObject().put("digest", "DAILY")).get();
        }

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        refreshKnownToNotes(groups, groupIds);
        clock.scheduleWithFixedDelay(() -> refreshKnownToNotes(groups, groupIds), 500, 500, TimeUnit.MILLISECONDS);
        List<CompletableFuture<?>> actions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        int total = SECONDS * RATE;
        long started = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            if (sent.getAndIncrement() < total) {
                actions.add(act(groups.get(ThreadLocalRandom.current().nextInt(GROUPS))));
            }
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        clock.scheduleWithFixedDelay(() -> streams.forEach(Stream::poll), 100, 100, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(SECONDS)).pollInterval(Duration.ofMillis(50)).until(() -> sent.get() >= total / 2);
        for (String service : Platform.SERVICES) {
            platform.kill(Platform.second(service));
        }
        double killedAt = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofSeconds(SECONDS + 120L)).until(() -> sent.get() >= total
                && List.copyOf(actions).stream().allMatch(CompletableFuture::isDone));
        double loadTime = (System.nanoTime() - started) / 1e9;

        // settled: nothing waits in an outbox, and every stream has what is stored for its person
        long settleStart = System.nanoTime();
        // each part asserted, so that a run that does not settle says which part
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertEquals(0, pendingOutbox(), "events waiting in an outbox");
            assertEquals(List.of(), streams.stream().filter(st -> !st.missing().isEmpty())
                    .map(st -> st.person.name() + " misses " + st.missing().size()).toList(), "streams missing pushes");
            assertEquals(0, unsentMail(), "e-mails not sent");
            assertEquals(0, unfiredReminders(), "reminders due and not fired");
            assertEquals(0, undeliveredWebhookPosts(), "webhook posts not delivered");
            assertEquals(List.of(), digesters.stream().filter(d -> digestsTo(d).isEmpty()).map(Person::name).toList(),
                    "digesters without their digest");
        });
        double settled = (System.nanoTime() - settleStart) / 1e9;
        clock.shutdownNow();
        streams.forEach(Stream::close);

        Report report = new Report(groups, streams, total, loadTime, killedAt, settled);
        try {
            told_of_sessions_exactly_once(groupIds, report);
            comments_tell_their_targets_author_and_the_mentioned_once(groupIds, report);
            solutions_tell_the_problems_author_once_each_and_other_solvers_at_most_once(groupIds, report);
            an_accepted_solution_tells_its_author_once(groupIds, report);
            every_session_reaches_the_other_services_projections_once(groupIds);
            no_session_overbooked_nor_a_waitlist_beside_a_free_place(groupIds, report);
            unread_counts_equal_the_stored_unread_rows(groups, report);
            every_email_sent_once(mailed, report);
            every_due_reminder_fired_once(groupIds, report);
            every_group_news_posted_to_its_webhook_once(groups, report);
            for (Person digester : digesters) {
                assertEquals(1, digestsTo(digester).size(), digester.name() + ": one daily digest");
            }
            report.line("digests: %d people past 08:00 (%s), one each", digesters.size(), digestZone);
            for (Stream stream : streams) {
                assertEquals(stream.stored(), stream.received, stream.person.name() + ": every push to its socket");
                assertEquals(List.of(), stream.twice, stream.person.name() + ": no push twice on one connection");
            }
            assertEquals(List.of(), wrong, "answers other than successes, races and 502/503/504 problems");
        } finally {
            report.print();
        }
    }

    // ------------------------------------------------------------------ the mix

    private CompletableFuture<?> act(Group group) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int dice = random.nextInt(100);
        if (dice < 12) {
            return join(group);
        }
        if (dice < 22) {
            return schedule(group);
        }
        if (dice < 27 && !group.sessions.isEmpty()) {
            return reschedule(group, pick(group.sessions));
        }
        if (dice < 52 && !group.sessions.isEmpty()) {
            String status = random.nextInt(5) == 0 ? "DECLINED" : "GOING";
            return send("rsvp", "PUT", "/api/v1/sessions/" + pick(group.sessions) + "/rsvp", group.anyMember(),
                    new JsonObject().put("status", status));
        }
        if (dice < 57) {
            return postNote(group, group.settledMember());
        }
        if (dice < 67 && !group.notes.isEmpty()) {
            Person mentioned = group.anyMember();
            return send("comment", "POST", "/api/v1/notes/" + pick(group.notes) + "/comments", group.settledMember(),
                    new JsonObject().put("body", "Nice one, @" + mentioned.name() + " - have a look."));
        }
        if (dice < 70) {
            return postProblem(group, group.settledMember());
        }
        if (dice < 76 && !group.problems.isEmpty()) {
            Problem problem = group.problems.get(random.nextInt(group.problems.size()));
            return send("solution", "POST", "/api/v1/problems/" + problem.id() + "/solutions", group.settledMember(),
                    new JsonObject().put("body", "Two pointers, O(n).").put("language", "java"))
                    .thenAccept(made -> {
                        if (made != null) {
                            problem.solutions().add(made.getString("id"));
                        }
                    });
        }
        if (dice < 78) {
            // the problem's author accepts one solution, once (accepting another would move the mark)
            for (Problem problem : group.problems) {
                if (!problem.solutions().isEmpty() && problem.accepting().compareAndSet(false, true)) {
                    return send("accept", "POST", "/api/v1/solutions/" + pick(problem.solutions()) + "/accept",
                            problem.author(), null);
                }
            }
        }
        Person reader = group.anyMember();
        return switch (random.nextInt(3)) {
            case 0 -> group.sessions.isEmpty() ? send("read", "GET", "/api/v1/me/sessions", reader, null)
                    : send("read", "GET", "/api/v1/sessions/" + pick(group.sessions), reader, null);
            case 1 -> send("read", "GET", "/api/v1/groups/" + group.id + "/sessions", reader, null);
            default -> group.notes.isEmpty() ? send("read", "GET", "/api/v1/me/sessions", reader, null)
                    : send("read", "GET", "/api/v1/notes/" + pick(group.notes), group.settledMember(), null);
        };
    }

    private CompletableFuture<Person> register() {
        return register(ZONES.get(names.get() % ZONES.size()));
    }

    private CompletableFuture<Person> register(String zone) {
        int n = names.incrementAndGet();
        String email = "load-" + UUID.randomUUID() + "@example.org";
        JsonObject body = new JsonObject().put("email", email)
                .put("password", "correct horse battery").put("displayName", "Pat" + n).put("timeZone", zone);
        return send("register", "POST", "/api/v1/auth/register", null, body)
                .thenApply(made -> made == null ? null : new Person(UUID.fromString(made.getJsonObject("user")
                        .getString("id")), "Pat" + n, email, made.getString("accessToken")));
    }

    private CompletableFuture<?> join(Group group) {
        return join(group, register());
    }

    private CompletableFuture<?> join(Group group, CompletableFuture<Person> registered) {
        return registered.thenCompose(person -> person == null ? CompletableFuture.completedFuture(null)
                : send("join", "POST", "/api/v1/groups/" + group.id + "/members", person, new JsonObject())
                        .thenAccept(joined -> {
                            if (joined != null) {
                                group.members.add(person);
                            }
                        }));
    }

    private CompletableFuture<?> schedule(Group group) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // one in five soon: its 10-minute reminder fires 15 s later for everyone going by then
        OffsetDateTime start = random.nextInt(5) == 0 ? OffsetDateTime.now().plusMinutes(10).plusSeconds(15)
                : OffsetDateTime.now().plusDays(7 + random.nextInt(30));
        String startsAt = start.withNano(0).toString();
        JsonObject body = new JsonObject().put("title", "Kata " + random.nextInt(1000)).put("startsAt", startsAt)
                .put("durationMinutes", 60).put("timeZone", ZONES.get(random.nextInt(ZONES.size())))
                .put("capacity", CAPACITY);
        return send("schedule", "POST", "/api/v1/groups/" + group.id + "/sessions", group.owner, body)
                .thenAccept(made -> {
                    if (made != null) {
                        group.sessions.add(made.getString("id"));
                    }
                });
    }

    /** Moves the session a day later: read it for its ETag, then change it if nobody did meanwhile. */
    private CompletableFuture<?> reschedule(Group group, String sessionId) {
        return call("reschedule-read", "GET", "/api/v1/sessions/" + sessionId, group.owner, null, Map.of())
                .thenCompose(read -> {
                    if (read == null || read.statusCode() != 200) {
                        return CompletableFuture.completedFuture(null);
                    }
                    JsonObject session = new JsonObject(read.body());
                    String later = OffsetDateTime.parse(session.getString("startsAt")).plusDays(1).toString();
                    return call("reschedule", "PATCH", "/api/v1/sessions/" + sessionId, group.owner,
                            new JsonObject().put("startsAt", later),
                            Map.of("If-Match", read.headers().firstValue("etag").orElse("*")));
                });
    }

    private CompletableFuture<?> postNote(Group group, Person author) {
        JsonObject body = new JsonObject().put("groupId", group.id.toString()).put("title", "Trick " + names.get())
                .put("body", "Use a `deque` for the sliding window.");
        return send("note", "POST", "/api/v1/notes", author, body).thenAccept(made -> {
            if (made != null) {
                group.notes.add(made.getString("id"));
            }
        });
    }

    private CompletableFuture<?> postProblem(Group group, Person author) {
        JsonObject body = new JsonObject().put("groupId", group.id.toString()).put("title", "Window " + names.get())
                .put("statement", "Longest substring without repeating characters.");
        return send("problem", "POST", "/api/v1/problems", author, body).thenAccept(made -> {
            if (made != null) {
                group.problems.add(new Problem(made.getString("id"), author));
            }
        });
    }

    private static String pick(List<String> from) {
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }

    /** The answer's JSON when it succeeded, null otherwise (counted either way). */
    private CompletableFuture<JsonObject> send(String action, String method, String path, Person as, JsonObject body) {
        return call(action, method, path, as, body, Map.of()).thenApply(response -> response != null
                && response.statusCode() / 100 == 2 && !response.body().isEmpty() ? new JsonObject(response.body()) : null);
    }

    /**
     * Through one of the two gateways in turn. A success, a lost race (409, 412) and a 502/503/504
     * problem (a replica killed under the request) are what clients may see; anything else is wrong.
     */
    private CompletableFuture<HttpResponse<String>> call(String action, String method, String path, Person as,
            JsonObject body, Map<String, String> headers) {
        String gateway = platform.url(turn.getAndIncrement() % 2 == 0 ? Platform.GATEWAY : Platform.GATEWAY_B);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(40))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            String outcome = error != null ? "no answer" : String.valueOf(response.statusCode());
            answers.computeIfAbsent(action + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
            boolean problem = response != null
                    && response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json");
            boolean fine = response != null && (response.statusCode() / 100 == 2 || response.statusCode() == 409
                    || response.statusCode() == 412 || problem && List.of(502, 503, 504).contains(response.statusCode()));
            if (!fine) {
                wrong.add(method + " " + path + " -> " + (error != null ? error.toString()
                        : response.statusCode() + " " + response.body()));
            }
            return response;
        });
    }

    // ------------------------------------------------------------------ streams

    /**
     * A person's notification stream, opened again on the surviving replica when its own is killed,
     * with {@code after} = the last notification it received. The replay after a reconnect also sends
     * what was made shortly before that one (it may have committed later: notifications README), so
     * some come again: a client drops those by id, and they are counted apart. Within one connection
     * nothing may come twice.
     */
    private final class Stream {
        final Person person;
        final String seed;
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final List<String> twice = new CopyOnWriteArrayList<>();
        final AtomicInteger repeatedAfterReconnect = new AtomicInteger();
        private Set<String> thisConnection = new HashSet<>();
        volatile String last;
        volatile StreamClient client;
        final AtomicInteger opened = new AtomicInteger();

        Stream(Person person, String instance) throws Exception {
            this.person = person;
            this.seed = await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> list = call("list", "GET", "/api/v1/notifications", person, null, Map.of()).get();
                JsonArray items = new JsonObject(list.body()).getJsonArray("items");
                return items.isEmpty() ? null : items.getJsonObject(0).getString("id");
            }, id -> id != null);
            this.last = seed;
            open(instance);
        }

        void open(String instance) throws Exception {
            String ticket = send("ticket", "POST", "/api/v1/notifications/stream-ticket", person, null).get()
                    .getString("ticket");
            client = StreamClient.open(platform.url(instance), "ticket=" + ticket + "&after=" + last);
            thisConnection = new HashSet<>();
            opened.incrementAndGet();
        }

        synchronized void poll() {
            for (JsonObject message : client.drain()) {
                if ("notification".equals(message.getString("type"))) {
                    String id = message.getJsonObject("notification").getString("id");
                    if (!thisConnection.add(id)) {
                        twice.add(id);
                    } else if (!received.add(id)) {
                        repeatedAfterReconnect.incrementAndGet();
                    }
                    last = id;
                }
            }
            if (client.isClosed()) {
                try {
                    open("notifications");
                } catch (Exception e) {
                    // the next poll tries again
                }
            }
        }

        /** What is stored for the person after the seed notification. */
        Set<String> stored() throws SQLException {
            return new HashSet<>(strings("notifications", "select id::text from notifications where recipient_id = ?::uuid"
                    + " and seq > (select seq from notifications where id = ?::uuid)", person.id().toString(), seed));
        }

        Set<String> missing() {
            try {
                Set<String> missing = stored();
                missing.removeAll(received);
                return missing;
            } catch (SQLException e) {
                return Set.of("?");
            }
        }

        void close() {
            client.close();
        }
    }

    // ------------------------------------------------------------------ the checks

    private void told_of_sessions_exactly_once(String groupIds, Report report) throws SQLException {
        // members who had joined (by sessions' clock) well before the session was made
        Set<String> expected = new HashSet<>(strings("sessions", """
                select s.id || ' ' || m.user_id from coding_sessions s join memberships m on m.group_id = s.group_id
                where s.group_id = any(?::uuid[]) and m.user_id <> s.organizer_id
                  and m.joined_at < s.created_at - interval '2 seconds'""", groupIds));
        Map<String, Long> told = counts("notifications", """
                select substring(link from '[0-9a-f-]{36}$') || ' ' || recipient_id, count(*) from notifications
                where type = 'session.scheduled' and group_id = any(?::uuid[]) group by 1""", groupIds);
        Set<String> missed = new HashSet<>(expected);
        missed.removeAll(told.keySet());
        report.line("session.scheduled: %d members to tell, %d told, %d missed, %d told twice", expected.size(),
                told.size(), missed.size(), told.values().stream().filter(n -> n > 1).count());
        assertEquals(Set.of(), missed, "(session, member) never told of the scheduling");
        assertEquals(Map.of(), filterTwice(told), "told twice");
    }

    private void comments_tell_their_targets_author_and_the_mentioned_once(String groupIds, Report report)
            throws SQLException {
        Map<String, Long> expected = new TreeMap<>();
        for (String recipients : strings("notes", """
                select array_to_string(array(select distinct r from unnest(c.mentioned_user_ids || n.author_id) r
                    where r <> c.author_id), ' ')
                from comments c join notes n on n.id = c.target_id
                where c.target_type = 'NOTE' and c.group_id = any(?::uuid[])""", groupIds)) {
            for (String recipient : recipients.split(" ")) {
                if (!recipient.isEmpty()) {
                    expected.merge(recipient, 1L, Long::sum);
                }
            }
        }
        Map<String, Long> told = new TreeMap<>(counts("notifications", """
                select recipient_id::text, count(*) from notifications
                where type = 'comment.added' and group_id = any(?::uuid[]) group by 1""", groupIds));
        report.line("comment.added: %d to tell, %d told", expected.values().stream().mapToLong(n -> n).sum(),
                told.values().stream().mapToLong(n -> n).sum());
        assertEquals(expected, told, "comment notifications per recipient");
    }

    /**
     * Each solution tells the problem's author (unless they wrote it) exactly once. Whoever else is
     * told is a solver of the problem, at most once per solution by another. Who solved it "before"
     * is the order notifications handled the solutions in (a solution that came before its problem
     * is handled seconds later), so how many solvers were told of solutions posted more than 2 s
     * after their own is printed, not asserted.
     */
    private void solutions_tell_the_problems_author_once_each_and_other_solvers_at_most_once(String groupIds,
            Report report) throws SQLException {
        Map<String, Long> toAuthors = counts("notes", """
                select p.id || ' ' || p.author_id, count(*) from problems p join solutions s on s.problem_id = p.id
                where p.group_id = any(?::uuid[]) and s.author_id <> p.author_id group by 1""", groupIds);
        // for each other solver: how many solutions by others there are, in all and 2 s after their first
        String solvers = """
                with first as (select s.problem_id, s.author_id, min(s.created_at) at from solutions s
                    join problems p on p.id = s.problem_id
                    where p.group_id = any(?::uuid[]) and s.author_id <> p.author_id group by 1, 2)
                select f.problem_id || ' ' || f.author_id, count(*) filter (where %s)
                from first f join solutions s on s.problem_id = f.problem_id and s.author_id <> f.author_id
                group by 1""";
        Map<String, Long> byOthers = counts("notes", solvers.formatted("true"), groupIds);
        Map<String, Long> wellLater = counts("notes", solvers.formatted("s.created_at > f.at + interval '2 seconds'"),
                groupIds);
        Map<String, Long> told = counts("notifications", """
                select substring(link from '[0-9a-f-]{36}') || ' ' || recipient_id, count(*) from notifications
                where type = 'solution.posted' and group_id = any(?::uuid[]) group by 1""", groupIds);
        Map<String, Long> toldAuthors = new TreeMap<>(told);
        toldAuthors.keySet().retainAll(toAuthors.keySet());
        assertEquals(new TreeMap<>(toAuthors), toldAuthors, "(problem, its author): told once per solution by another");
        long solverNews = 0;
        long toldWellLater = 0;
        for (Map.Entry<String, Long> entry : told.entrySet()) {
            if (!toAuthors.containsKey(entry.getKey())) {
                long most = byOthers.getOrDefault(entry.getKey(), 0L);
                assertTrue(entry.getValue() <= most, entry.getKey() + ": told " + entry.getValue()
                        + " times of others' solutions, of " + most);
                solverNews += entry.getValue();
            }
        }
        for (Map.Entry<String, Long> entry : wellLater.entrySet()) {
            toldWellLater += Math.min(entry.getValue(), told.getOrDefault(entry.getKey(), 0L));
        }
        report.line("solution.posted: %d to problems' authors (all told), %d to earlier solvers (%d of %d posted 2 s"
                + " after theirs)", toAuthors.values().stream().mapToLong(n -> n).sum(), solverNews, toldWellLater,
                wellLater.values().stream().mapToLong(n -> n).sum());
    }

    /** One acceptance per problem at most (the mix accepts once): its solution's author is told once, nobody else. */
    private void an_accepted_solution_tells_its_author_once(String groupIds, Report report) throws SQLException {
        Map<String, Long> expected = counts("notes", """
                select s.id || ' ' || s.author_id, 1 from problems p join solutions s on s.id = p.accepted_solution_id
                where p.group_id = any(?::uuid[]) and s.author_id <> p.author_id""", groupIds);
        Map<String, Long> told = counts("notifications", """
                select substring(link from '[0-9a-f-]{36}$') || ' ' || recipient_id, count(*) from notifications
                where type = 'solution.accepted' and group_id = any(?::uuid[]) group by 1""", groupIds);
        report.line("solution.accepted: %d to tell, %d told", expected.size(), told.values().stream().mapToLong(n -> n).sum());
        assertEquals(new TreeMap<>(expected), new TreeMap<>(told), "(solution, its author) told of the acceptance");
    }

    private void every_session_reaches_the_other_services_projections_once(String groupIds) throws SQLException {
        Set<String> sessions = new HashSet<>(strings("sessions",
                "select id::text from coding_sessions where group_id = any(?::uuid[])", groupIds));
        assertEquals(sessions, new HashSet<>(strings("notifications",
                "select id::text from sessions where group_id = any(?::uuid[])", groupIds)), "notifications' sessions");
        assertEquals(sessions, new HashSet<>(strings("notes",
                "select session_id::text from group_sessions where group_id = any(?::uuid[])", groupIds)),
                "notes' sessions");
    }

    private void no_session_overbooked_nor_a_waitlist_beside_a_free_place(String groupIds, Report report)
            throws SQLException {
        List<String> wrongSessions = strings("sessions", """
                select s.id || ': ' || count(*) filter (where r.status = 'GOING' and not r.waitlisted) || ' going, '
                    || count(*) filter (where r.waitlisted) || ' waiting'
                from coding_sessions s left join rsvps r on r.session_id = s.id
                where s.group_id = any(?::uuid[]) group by s.id, s.capacity
                having count(*) filter (where r.status = 'GOING' and not r.waitlisted) > s.capacity
                    or (count(*) filter (where r.waitlisted) > 0
                        and count(*) filter (where r.status = 'GOING' and not r.waitlisted) < s.capacity)""", groupIds);
        report.line("waitlists: %s sessions full with people waiting, %s promotions told",
                strings("sessions", """
                        select count(distinct session_id) from rsvps r join coding_sessions s on s.id = r.session_id
                        where r.waitlisted and s.group_id = any(?::uuid[])""", groupIds).get(0),
                strings("notifications", """
                        select count(*) from notifications
                        where type = 'session.waitlist-promoted' and group_id = any(?::uuid[])""", groupIds).get(0));
        assertEquals(List.of(), wrongSessions, "overbooked, or people waiting beside a free place");
    }

    /**
     * One e-mail per notification, counted by Message-ID (the e-mail's id): a mail sent again after
     * its lease ran out (its replica killed after sending, before recording it) is the same message to
     * a mail client, and only such a mail, with more than one attempt, may arrive twice.
     */
    private void every_email_sent_once(List<Person> mailed, Report report) throws Exception {
        int sent = 0;
        Set<String> seen = new HashSet<>();
        List<String> again = new ArrayList<>();
        for (Person person : mailed) {
            List<String> told = strings("notifications", """
                    select substring(link from '[0-9a-f-]{36}$') from notifications
                    where type = 'session.scheduled' and recipient_id = ?::uuid order by 1""", person.id().toString());
            List<String> mailedAbout = new ArrayList<>();
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(person.email())) {
                    if (!seen.add(message.getMessageID())) {
                        again.add(message.getMessageID());
                        continue;
                    }
                    Matcher session = SESSION_LINK.matcher(message.getContent().toString());
                    mailedAbout.add(session.find() ? session.group(1) : "?");
                }
            }
            Collections.sort(mailedAbout);
            assertEquals(told, mailedAbout, person.name() + ": one e-mail per session.scheduled notification");
            sent += mailedAbout.size();
        }
        for (String messageId : again) {
            assertTrue(Integer.parseInt(strings("notifications", "select attempts from emails where id = ?::uuid",
                    messageId.substring(1, 37)).get(0)) > 1, messageId + " arrived twice from one attempt");
        }
        report.line("e-mail: %d people, %d e-mails, one per notification (%d sent again after a lease ran out)",
                mailed.size(), sent, again.size());
    }

    private void every_due_reminder_fired_once(String groupIds, Report report) throws SQLException {
        List<String> firedWithout = strings("notifications", """
                select r.id::text from reminders r join sessions s on s.id = r.session_id
                where s.group_id = any(?::uuid[]) and r.fired_at is not null
                  and (select count(*) from notifications n where n.event_id = r.id) <> 1""", groupIds);
        report.line("reminders: %s fired (%s late), %s planned for later", strings("notifications", """
                        select count(*) from reminders r join sessions s on s.id = r.session_id
                        where s.group_id = any(?::uuid[]) and r.fired_at is not null""", groupIds).get(0),
                strings("notifications", """
                        select count(*) from reminders r join sessions s on s.id = r.session_id
                        where s.group_id = any(?::uuid[]) and r.fired_at is not null and r.late""", groupIds).get(0),
                strings("notifications", """
                        select count(*) from reminders r join sessions s on s.id = r.session_id
                        where s.group_id = any(?::uuid[]) and r.fired_at is null""", groupIds).get(0));
        assertEquals(List.of(), firedWithout, "reminders fired without exactly one notification");
    }

    /**
     * One delivery per event of a hooked kind after the webhook was registered (counted from the
     * sessions and notes databases), each delivered, and received under its id; an id answered 2xx
     * twice only for a delivery posted again after its lease ran out (its replica killed after the
     * post, before recording it), which its attempts show.
     */
    private void every_group_news_posted_to_its_webhook_once(List<Group> groups, Report report) throws SQLException {
        int deliveries = 0;
        for (Group group : groups) {
            String groupId = group.id.toString();
            String since = strings("notifications", "select created_at::text from webhooks where group_id = ?::uuid",
                    groupId).get(0);
            long events = Long.parseLong(strings("sessions", "select count(*) from coding_sessions where group_id = ?::uuid",
                    groupId).get(0))
                    + Long.parseLong(strings("notes", "select count(*) from notes where group_id = ?::uuid", groupId).get(0))
                    + Long.parseLong(strings("sessions", "select count(*) from memberships where group_id = ?::uuid"
                            + " and joined_at > ?::timestamptz", groupId, since).get(0));
            List<String> delivered = strings("notifications", """
                    select d.id::text from webhook_deliveries d join webhooks w on w.id = d.webhook_id
                    where w.group_id = ?::uuid and d.delivered_at is not null""", groupId);
            assertEquals(events, delivered.size(), group.id + ": one delivered post per event of its webhook's kinds");
            deliveries += delivered.size();
        }
        Set<String> delivered = new HashSet<>(strings("notifications", "select id::text from webhook_deliveries"
                + " where delivered_at is not null"));
        Map<String, Long> succeeded = new TreeMap<>();
        hookAnswers.forEach((id, statuses) -> succeeded.put(id, statuses.stream().filter(s -> s / 100 == 2).count()));
        succeeded.values().removeIf(n -> n == 0);
        assertEquals(delivered, succeeded.keySet(), "the ids the receiver accepted are the deliveries recorded");
        assertEquals(List.of(), badSignatures, "signed posts whose signature did not verify");
        List<String> postedAgain = new ArrayList<>(filterTwice(succeeded).keySet());
        for (String id : postedAgain) {
            assertTrue(Integer.parseInt(strings("notifications", "select attempts from webhook_deliveries"
                    + " where id = ?::uuid", id).get(0)) > 1, id + " accepted twice in one attempt");
        }
        report.line("webhooks: %d deliveries for %d groups (one signed), %d posts (%d answered 503 and retried), %d accepted"
                + " again after a lease ran out", deliveries, groups.size(),
                hookAnswers.values().stream().mapToInt(List::size).sum(),
                hookAnswers.values().stream().flatMap(List::stream).filter(s -> s == 503).count(), postedAgain.size());
    }

    /** Whether a signed post's webhook-signature is HMAC-SHA256 of id.timestamp.body under the secret's key. */
    private static boolean signed(String secret, Headers headers, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((headers.getFirst("webhook-id") + "." + headers.getFirst("webhook-timestamp") + ".")
                    .getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            return List.of(String.valueOf(headers.getFirst("webhook-signature")).split(" ")).contains(expected);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Webhook posts neither delivered nor given up. */
    private static long undeliveredWebhookPosts() throws SQLException {
        return Long.parseLong(strings("notifications",
                "select count(*) from webhook_deliveries where delivered_at is null and failed_at is null").get(0));
    }

    private static List<MimeMessage> digestsTo(Person person) {
        List<MimeMessage> digests = new ArrayList<>();
        try {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(person.email())
                        && message.getSubject().startsWith("Your Nexus digest")
                        && digests.stream().noneMatch(d -> sameMessage(d, message))) {
                    digests.add(message);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    private static boolean sameMessage(MimeMessage a, MimeMessage b) {
        try {
            return a.getMessageID().equals(b.getMessageID());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zone where it is between 09:00 and 22:00 now: past the digests' 08:00, and not near midnight. */
    private static String zoneAfterEight() {
        for (String zone : List.of("Pacific/Kiritimati", "Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata",
                "Europe/Berlin", "UTC", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu")) {
            int hour = java.time.ZonedDateTime.now(java.time.ZoneId.of(zone)).getHour();
            if (hour >= 9 && hour < 22) {
                return zone;
            }
        }
        throw new IllegalStateException("no zone between 09:00 and 22:00");
    }

    /** E-mails queued and neither sent nor given up. */
    private static long unsentMail() throws SQLException {
        return Long.parseLong(strings("notifications",
                "select count(*) from emails where sent_at is null and failed_at is null").get(0));
    }

    /** Reminders due a while ago and not fired. */
    private static long unfiredReminders() throws SQLException {
        return Long.parseLong(strings("notifications",
                "select count(*) from reminders where fired_at is null and fire_at < now() - interval '3 seconds'").get(0));
    }

    private void unread_counts_equal_the_stored_unread_rows(List<Group> groups, Report report) throws Exception {
        int checked = 0;
        for (Group group : groups) {
            for (Person person : group.members) {
                long stored = Long.parseLong(strings("notifications", "select count(*) from notifications"
                        + " where recipient_id = ?::uuid and read_at is null", person.id().toString()).get(0));
                HttpResponse<String> count = call("unread", "GET", "/api/v1/notifications/unread-count", person, null,
                        Map.of()).get();
                assertEquals(stored, new JsonObject(count.body()).getLong("count"), person.name() + "'s unread count");
                checked++;
            }
        }
        report.line("unread counts: %d people, each equal to the stored unread rows", checked);
    }

    private static Map<String, Long> filterTwice(Map<String, Long> counts) {
        Map<String, Long> twice = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (n > 1) {
                twice.put(key, n);
            }
        });
        return twice;
    }

    private static long pendingOutbox() throws SQLException {
        long pending = 0;
        for (String service : Platform.SERVICES) {
            pending += Long.parseLong(strings(service, "select count(*) from outbox").get(0));
        }
        return pending;
    }

    /** Reads who notes' membership projection holds now, for {@link Group#settledMember}. */
    private static void refreshKnownToNotes(List<Group> groups, String groupIds) {
        try {
            for (String row : strings("notes", "select group_id || ' ' || user_id from group_members"
                    + " where group_id = any(?::uuid[]) and role is not null", groupIds)) {
                String[] ids = row.split(" ");
                groups.stream().filter(g -> g.id.toString().equals(ids[0])).findFirst()
                        .ifPresent(g -> g.knownToNotes.add(UUID.fromString(ids[1])));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String service, String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(service); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static Map<String, Long> counts(String service, String sql, String parameter) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = connect(service); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static Connection connect(String service) throws SQLException {
        Servers servers = platform.run().servers();
        return DriverManager.getConnection(platform.jdbcUrl(service), servers.dbUser(), servers.dbPassword());
    }

    /** The figures of the run, printed whether the checks pass or not. */
    private final class Report {
        private final List<String> lines = new ArrayList<>();

        Report(List<Group> groups, List<Stream> streams, int total, double loadTime, double killedAt, double settled) {
            line("replicas load: 2 of every service, %d actions in %.0f s (%d/s offered), second replicas killed at"
                    + " %.0f s, settled %.1f s after the load", total, loadTime, RATE, killedAt, settled);
            line("%d groups, %d members, %d sessions, %d notes, %d problems; %d streams, %d reconnects, %d notifications pushed,"
                    + " %d sent again by a replay after a reconnect", groups.size(),
                    groups.stream().mapToInt(g -> g.members.size()).sum(), groups.stream().mapToInt(g -> g.sessions.size()).sum(),
                    groups.stream().mapToInt(g -> g.notes.size()).sum(),
                    groups.stream().mapToInt(g -> g.problems.size()).sum(), streams.size(),
                    streams.stream().mapToInt(s -> s.opened.get() - 1).sum(), streams.stream().mapToInt(s -> s.received.size()).sum(),
                    streams.stream().mapToInt(s -> s.repeatedAfterReconnect.get()).sum());
            line("answers: %s", new TreeMap<>(answers));
        }

        void line(String format, Object... args) {
            lines.add(String.format(format, args));
        }

        void print() {
            System.out.println();
            lines.forEach(System.out::println);
        }
    }
}
