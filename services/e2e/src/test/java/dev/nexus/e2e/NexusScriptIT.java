package dev.nexus.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.testing.Ports;
import dev.nexus.testing.Servers;
import dev.nexus.testing.TestRun;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./nexus} script itself, on a run of its own beside anything else on the machine (its
 * state directory, databases, Redis keys, exchanges and queues named by a {@link TestRun}, ports
 * chosen free): {@code up --replicas 2} starts two instances of every service behind the gateway,
 * {@code status} lists each as up, the gateway spreads writes over both replicas, an instance
 * killed with SIGKILL leaves the platform answering and {@code start} brings it back, {@code down}
 * stops every instance.
 */
class NexusScriptIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("identity", "sessions", "notes", "notifications");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void up_with_two_replicas_runs_every_instance_behind_the_gateway_and_down_stops_them() throws Exception {
        TestRun run = TestRun.create(Servers.get(), SERVICES.toArray(String[]::new));
        Path state = Files.createTempDirectory("nexus-state");
        Map<String, String> env = environment(run, state);
        String gateway = "http://127.0.0.1:" + env.get("GATEWAY_PORT");
        try {
            assertEquals(0, nexus(env, "up", "--replicas", "2"), "up: see " + state.resolve("logs"));

            String status = output(env, "status");
            for (String service : SERVICES) {
                assertRunningAndReady(status, service);
                assertRunningAndReady(status, service + "-2");
            }
            assertRunningAndReady(status, "gateway");

            String token = register(gateway);
            for (int i = 0; i < 6; i++) {
                assertEquals(201, createGroup(gateway, token), "through the gateway");
            }
            int sessionsTwo = Integer.parseInt(env.get("SESSIONS_MANAGEMENT_PORT")) + 100;
            assertTrue(groupsCreated(Integer.parseInt(env.get("SESSIONS_MANAGEMENT_PORT"))) > 0, "sessions took some");
            assertTrue(groupsCreated(sessionsTwo) > 0, "sessions-2 took some");

            ProcessHandle sessions2 = ProcessHandle.of(Long.parseLong(Files.readString(state.resolve("run/sessions-2.pid"))
                    .trim())).orElseThrow();
            sessions2.destroyForcibly();
            // killed means gone: its sockets are closed once it has exited, so the gateway's pooled connections to it
            // end instead of taking the next request and breaking (a 502, as the gateway README says)
            sessions2.onExit().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                assertEquals(201, createGroup(gateway, token), "with sessions-2 killed");
            }
            assertFalse(output(env, "status").lines().anyMatch(l -> l.matches("sessions-2 +running.*")), "killed");
            assertEquals(0, nexus(env, "start", "sessions-2"));
            assertRunningAndReady(output(env, "status"), "sessions-2");

            assertEquals(0, nexus(env, "down"));
            try (var pids = Files.list(state.resolve("run"))) {
                assertEquals(List.of(), pids.filter(p -> p.toString().endsWith(".pid")).toList(), "no instance left");
            }
            assertFalse(answers(gateway + "/q/health"), "the gateway is down");
        } catch (Throwable e) {
            printErrors(state.resolve("logs")); // the state directory goes with the run
            throw e;
        } finally {
            nexus(env, "down");
            run.cleanUp();
            deleteTree(state);
        }
    }

    /** The ERROR lines of every instance's log, and what follows each (its cause). */
    private static void printErrors(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (var files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(" ERROR ")) {
                        System.out.println("[" + log.getFileName() + "] "
                                + String.join("\n", lines.subList(i, Math.min(i + 15, lines.size()))));
                    }
                }
            }
        }
    }

    private static void assertRunningAndReady(String status, String instance) {
        assertTrue(status.lines().anyMatch(line -> line.matches(instance + " +running +\\d+ +\\d+ +yes")),
                instance + " running and ready:\n" + status);
    }

    /** The run's names, free ports for every instance (replica 2 listens 100 higher), the servers. */
    private static Map<String, String> environment(TestRun run, Path state) throws IOException {
        Servers servers = run.servers();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NEXUS_STATE_DIR", state.toString());
        env.put("NEXUS_DB_PREFIX", run.databasePrefix());
        env.put("NEXUS_KEY_PREFIX", run.redisKeyPrefix());
        env.put("NEXUS_MESSAGING_PREFIX", run.messagingPrefix());
        env.put("NEXUS_DB_HOST", servers.dbHost());
        env.put("NEXUS_DB_PORT", String.valueOf(servers.dbPort()));
        env.put("NEXUS_DB_USER", servers.dbUser());
        env.put("NEXUS_DB_PASSWORD", servers.dbPassword());
        env.put("NEXUS_REDIS_URL", servers.redisUrl());
        env.put("RABBITMQ_HOST", servers.rabbitHost());
        env.put("RABBITMQ_PORT", String.valueOf(servers.rabbitPort()));
        env.put("RABBITMQ_USERNAME", servers.rabbitUser());
        env.put("RABBITMQ_PASSWORD", servers.rabbitPassword());
        // the shared platform of the other ITs holds connections too: PostgreSQL's 100 would run out
        // (it did: "too many clients" and a 500 from sessions) with the script's own share of 80
        env.put("NEXUS_DB_POOL", "4");
        List<Integer> ports = freePorts(10);
        List<String> names = new ArrayList<>();
        SERVICES.forEach(s -> names.add(s.toUpperCase() + "_PORT"));
        SERVICES.forEach(s -> names.add(s.toUpperCase() + "_MANAGEMENT_PORT"));
        names.addAll(List.of("GATEWAY_PORT", "NEXUS_GATEWAY_MANAGEMENT_PORT"));
        for (int i = 0; i < names.size(); i++) {
            env.put(names.get(i), String.valueOf(ports.get(i)));
        }
        return env;
    }

    /** Ports free now, each with the one 100 higher (a second replica's) free too. */
    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = Ports.free();
            if (!ports.contains(port + 100) && !ports.contains(port - 100) && Ports.isFree(port + 100)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static int nexus(Map<String, String> env, String... args) throws Exception {
        Process process = start(env, args);
        process.getInputStream().transferTo(System.out);
        assertTrue(process.waitFor(6, TimeUnit.MINUTES), "./nexus " + String.join(" ", args) + " ended");
        return process.exitValue();
    }

    private static String output(Map<String, String> env, String... args) throws Exception {
        Process process = start(env, args);
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("nexus").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String register(String gateway) throws Exception {
        JsonObject body = new JsonObject().put("email", "script-" + UUID.randomUUID() + "@example.org")
                .put("password", "correct horse battery").put("displayName", "Scripted").put("timeZone", "UTC");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body()).getString("accessToken");
    }

    private static int createGroup(String gateway, String token) throws Exception {
        JsonObject body = new JsonObject().put("name", "Scripted " + UUID.randomUUID()).put("visibility", "PUBLIC");
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/groups"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Groups the sessions instance with this management port created: its request metric. */
    private static int groupsCreated(int managementPort) throws Exception {
        String metrics = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> body != null);
        return (int) metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count") && line.contains("method=\"POST\"")
                        && line.contains("uri=\"/api/v1/groups\"") && line.contains("status=\"201\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean answers(String url) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
