package dev.nexus.gateway;

import dev.nexus.testing.Ports;
import dev.nexus.testing.Servers;
import dev.nexus.testing.TcpProxy;
import dev.nexus.testing.TestRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for the four services behind the gateway under test, as plain Vert.x HTTP servers that
 * say who they are and what they received. The services themselves are tested behind a real
 * gateway in services/e2e; here the gateway's own rules are: routing, replicas, failures, streaming.
 * Redis is real, reached through a {@link TcpProxy} so that a test can cut it.
 *
 * <ul>
 *   <li>identity: a refusing address first, then {@code identity}</li>
 *   <li>sessions: two replicas, {@code sessions-a} and {@code sessions-b}</li>
 *   <li>notes: only an address where nothing listens</li>
 *   <li>notifications: {@code notifications} (also a WebSocket echo)</li>
 * </ul>
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    static final AtomicLong UPLOADED = new AtomicLong();
    static volatile Promise<Void> finishDownload;
    static TcpProxy redis;

    /** Bytes each fake sends after the first chunk of /download. */
    static final int DOWNLOAD_REST = 8 * 1024 * 1024;

    private Vertx vertx;
    private TestRun run;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        run = TestRun.create(Servers.get());
        redis = TcpProxy.to(Servers.get().redisUrl());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.redis.hosts", "redis://localhost:" + redis.port());
        config.put("nexus.rate-limit.prefix", run.redisPrefix("gateway"));
        config.put("nexus.gateway.upstream.identity", refusing() + "," + fake("identity"));
        config.put("nexus.gateway.upstream.sessions", fake("sessions-a") + "," + fake("sessions-b"));
        config.put("nexus.gateway.upstream.notes", refusing());
        config.put("nexus.gateway.upstream.notifications", fake("notifications"));
        // the stand-ins answer readiness on their one port
        for (String service : new String[] { "identity", "sessions", "notes", "notifications" }) {
            config.put("nexus.gateway.health." + service, config.get("nexus.gateway.upstream." + service));
        }
        return config;
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        redis.close();
        run.cleanUp();
    }

    private String fake(String name) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(name, request));
        int port = server.listen(0).toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join()
                .actualPort();
        return "http://localhost:" + port;
    }

    private static void handle(String name, HttpServerRequest request) {
        REQUESTS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        String path = request.path();
        if ("websocket".equalsIgnoreCase(request.getHeader("upgrade"))) {
            request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(text -> ws.writeTextMessage(name + ": " + text)));
        } else if (path.endsWith("/hang")) {
            request.pause(); // never answers
        } else if (path.endsWith("/download")) {
            // The first chunk, then the rest only once the test has seen that chunk through the gateway.
            request.response().setChunked(true).putHeader("content-type", "application/octet-stream");
            request.response().write("first;");
            finishDownload.future().onSuccess(v -> request.response().end(Buffer.buffer(new byte[DOWNLOAD_REST])));
        } else if (path.endsWith("/upload")) {
            request.handler(chunk -> UPLOADED.addAndGet(chunk.length()));
            request.endHandler(v -> request.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("bytes", UPLOADED.get()).encode()));
        } else {
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                String status = request.getHeader("x-test-status");
                request.response()
                        .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                        .putHeader("content-type", "application/json")
                        .putHeader("etag", "\"v7\"")
                        .putHeader("cache-control", "private, max-age=5")
                        .end(new JsonObject().put("service", name).put("method", request.method().name())
                                .put("uri", request.uri()).put("headers", headers).put("body", body.toString())
                                .encode());
            });
        }
    }

    /** An address where nothing listens: connections are refused. */
    private static String refusing() {
        return "http://localhost:" + Ports.free();
    }
}
