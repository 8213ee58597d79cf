package dev.nexus.e2e;

import static org.awaitility.Awaitility.await;

import dev.nexus.testing.Ports;
import dev.nexus.testing.Servers;
import dev.nexus.testing.TestRun;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged services (target/quarkus-app/quarkus-run.jar of each module) started as separate
 * JVMs on free ports, on one isolated {@link TestRun}: they share its exchange and queue names
 * exactly as deployed services share nexus.events.
 */
final class Platform implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    static final List<String> SERVICES = List.of("identity", "sessions", "notes", "notifications");
    /** A second replica of notifications on its own port: same database, queue and Redis prefix. */
    static final String NOTIFICATIONS_B = second("notifications");
    /** Two gateways in front of the services (both notifications replicas), sharing rate-limit buckets. */
    static final String GATEWAY = "gateway";
    static final String GATEWAY_B = "gateway-b";
    /** Calls per login e-mail that the gateways allow in 15 minutes. */
    static final int LOGIN_EMAIL_LIMIT = 3;
    /** The second replica of a service: {@code sessions-b}; same database, queue and Redis prefix. */
    static String second(String service) {
        return service + "-b";
    }
    private static final Path SERVICES_DIR = Path.of("..").toAbsolutePath().normalize();

    private final TestRun run;
    /** Every instance: the four services, the second replicas asked for, the two gateways. */
    private final List<String> instances = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> serviceConfig = new LinkedHashMap<>();
    private final Path logs;
    private final OtlpReceiver traces;
    private Path signingKey;

    private Platform(TestRun run, Path logs, OtlpReceiver traces) {
        this.run = run;
        this.logs = logs;
        this.traces = traces;
    }

    /** The platform the test classes share; its logs go to target/e2e-logs/shared/. */
    static Platform start() throws IOException {
        return start("shared", Map.of(), List.of("notifications"));
    }

    /**
     * With {@code serviceConfig} added to every service's configuration (not the gateways'): e.g. the
     * addresses of proxies in front of PostgreSQL, Redis and RabbitMQ for a fault-injection run. Logs
     * go to target/e2e-logs/{@code name}/ (several platforms run at once).
     */
    static Platform start(String name, Map<String, String> serviceConfig) throws IOException {
        return start(name, serviceConfig, List.of("notifications"));
    }

    /** Two replicas of every service (and the two gateways in front of them all), with {@code serviceConfig}. */
    static Platform startEveryServiceTwice(String name, Map<String, String> serviceConfig) throws IOException {
        return start(name, serviceConfig, SERVICES);
    }

    private static Platform start(String name, Map<String, String> serviceConfig, List<String> twice)
            throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs", name));
        Platform platform = new Platform(TestRun.create(Servers.get(), SERVICES.toArray(String[]::new)), logs,
                OtlpReceiver.start());
        platform.serviceConfig.putAll(serviceConfig);
        platform.instances.addAll(SERVICES);
        twice.forEach(service -> platform.instances.add(second(service)));
        platform.instances.addAll(List.of(GATEWAY, GATEWAY_B));
        try {
            platform.signingKey = platform.copyDevKey();
            for (String instance : platform.instances) {
                platform.ports.put(instance, Ports.free());
                platform.managementPorts.put(instance, Ports.free());
            }
            for (String instance : platform.instances) {
                platform.launch(instance);
            }
            for (String instance : platform.instances) {
                platform.awaitReady(instance);
            }
            return platform;
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The base URL of a service, or of {@link #NOTIFICATIONS_B}, {@link #GATEWAY}, {@link #GATEWAY_B}. */
    String url(String instance) {
        return "http://localhost:" + ports.get(instance);
    }

    /** Where an instance serves /q/health and /q/metrics: its management port. */
    String managementUrl(String instance) {
        return "http://localhost:" + managementPorts.get(instance);
    }

    String jdbcUrl(String service) {
        return run.servers().jdbcUrl(run.database(service));
    }

    TestRun run() {
        return run;
    }

    /** The instance's log (JSON lines: the services run in the prod profile). */
    Path log(String instance) {
        return logs.resolve(instance + ".log");
    }

    /** The spans every instance exports (only new traces a request starts sampled are recorded). */
    OtlpReceiver traces() {
        return traces;
    }

    /** Each instance's process, by instance name. */
    Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        processes.forEach((instance, process) -> handles.put(instance, process.toHandle()));
        return handles;
    }

    private static boolean isGateway(String instance) {
        return instance.startsWith(GATEWAY);
    }

    private static String serviceOf(String instance) {
        return isGateway(instance) ? GATEWAY : instance.replaceFirst("-b$", "");
    }

    /** The instances of a service (its replicas), or of the gateway. */
    List<String> instancesOf(String service) {
        return instances.stream().filter(i -> serviceOf(i).equals(service)).toList();
    }

    private Map<String, String> gatewayConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.redis.hosts", run.servers().redisUrl());
        config.put("nexus.rate-limit.prefix", run.redisPrefix(GATEWAY));
        // every call of these tests comes from 127.0.0.1: only the per-e-mail login limit is small
        config.put("nexus.rate-limit.anonymous.limit", "100000");
        config.put("nexus.rate-limit.user.limit", "100000");
        config.put("nexus.rate-limit.auth.limit", "100000");
        config.put("nexus.rate-limit.login-email.limit", String.valueOf(LOGIN_EMAIL_LIMIT));
        for (String service : SERVICES) {
            List<String> replicas = instancesOf(service);
            config.put("nexus.gateway.upstream." + service, String.join(",", replicas.stream().map(this::url).toList()));
            config.put("nexus.gateway.health." + service,
                    String.join(",", replicas.stream().map(this::managementUrl).toList()));
        }
        return config;
    }

    /** Kills the instance's process at once (SIGKILL, as {@code kill -9}): nothing is shut down cleanly. */
    void kill(String instance) throws InterruptedException {
        Process process = processes.get(instance);
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts a killed instance again on its ports and waits until it is ready. */
    void restart(String instance) throws IOException {
        launch(instance);
        awaitReady(instance);
    }

    private void launch(String instance) throws IOException {
        String service = serviceOf(instance);
        Path jar = SERVICES_DIR.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the end-to-end tests run in `mvn verify`, after packaging");
        }
        Map<String, String> config = new LinkedHashMap<>(isGateway(instance) ? gatewayConfig() : run.config(service));
        if (!isGateway(instance)) {
            // Two platforms run at once in `mvn verify` (the shared one and the fault suite's), five service
            // processes each: with the pool's default of 20 they could ask PostgreSQL for more connections
            // than its default max_connections (100) allows. Benchmarks may raise it: -Dnexus.e2e.db-pool=20.
            config.put("quarkus.datasource.reactive.max-size", System.getProperty("nexus.e2e.db-pool", "8"));
            config.putAll(serviceConfig);
        }
        config.put("quarkus.http.port", String.valueOf(ports.get(instance)));
        config.put("mp.jwt.verify.publickey.location", url("identity") + "/.well-known/jwks.json");
        config.put("quarkus.management.port", String.valueOf(managementPorts.get(instance)));
        if (!isGateway(instance)) {
            config.put("nexus.outbox.sweep-interval", "1s");
        }
        if (service.equals("identity")) {
            config.put("nexus.jwt.signing-key-location", signingKey.toString());
        }
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint());
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        config.put("quarkus.otel.resource.attributes", "service.instance.id=" + instance);
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        // "{instance}" in the options becomes the instance's name, e.g. one JFR recording file per process
        command.addAll(List.of(System.getProperty("nexus.e2e.jvm", "-Xmx192m -XX:TieredStopAtLevel=1")
                .replace("{instance}", instance).split(" ")));
        // and options for one service's processes only: nexus.e2e.jvm.<service>
        String own = System.getProperty("nexus.e2e.jvm." + service, "").trim();
        if (!own.isEmpty()) {
            command.addAll(List.of(own.split(" ")));
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logs.resolve(instance + ".log");
        // a restarted instance goes on writing the log of its first start
        ProcessBuilder.Redirect output = processes.containsKey(instance)
                ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile());
        processes.put(instance, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start());
    }

    private void awaitReady(String service) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(
                        URI.create(managementUrl(service) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!processes.get(service).isAlive()) {
                throw new IllegalStateException(service + " exited at start; see " + logs.resolve(service + ".log"));
            }
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Prints the lines of each instance's Prometheus metrics that start with one of {@code names}. */
    void printMetrics(java.io.PrintStream out, String... names) {
        HttpClient http = HttpClient.newHttpClient();
        for (String instance : instances) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(managementUrl(instance) + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                body.lines().filter(line -> List.of(names).stream().anyMatch(line::startsWith))
                        .forEach(line -> out.println("  " + instance + ": " + line));
            } catch (IOException e) {
                out.println("  " + instance + ": no metrics (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Path copyDevKey() throws IOException {
        Path key = Files.createTempFile("nexus-dev-key", ".pem");
        try (InputStream in = Platform.class.getClassLoader().getResourceAsStream("nexus-dev-keys/private.pem")) {
            Files.copy(in, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        key.toFile().deleteOnExit();
        return key;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        run.cleanUp();
        traces.close();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
