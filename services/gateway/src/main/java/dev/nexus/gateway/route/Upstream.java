package dev.nexus.gateway.route;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The replicas of one service. Requests are spread over them in turn; a replica that refuses a
 * connection (or a WebSocket) is put at the back of the order for {@code retryAfter} (a request
 * still tries it when every other one refuses too), and the next replica is tried at once.
 */
public final class Upstream {

    /** No replica of {@link #service} accepted a connection. */
    public static final class Unavailable extends RuntimeException {
        public final String service;

        Unavailable(String service, Throwable last) {
            super("no replica of " + service + " accepted a connection: " + last.getMessage(), last, false, false);
            this.service = service;
        }
    }

    private static final class Replica {
        final URI url;
        volatile long refusedUntil;

        Replica(URI url) {
            this.url = url;
        }
    }

    private final String service;
    private final List<Replica> replicas;
    private final long retryAfterMillis;
    private final AtomicInteger next = new AtomicInteger();

    Upstream(String service, List<URI> urls, Duration retryAfter) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no address configured for " + service);
        }
        this.service = service;
        this.replicas = urls.stream().map(Replica::new).toList();
        this.retryAfterMillis = retryAfter.toMillis();
    }

    /** Parses a comma-separated list of base URLs such as {@code http://localhost:8082,http://localhost:9082}. */
    static Upstream parse(String service, String urls, Duration retryAfter) {
        List<URI> parsed = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(URI::create).toList();
        for (URI url : parsed) {
            if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
                throw new IllegalArgumentException(service + ": '" + url + "' is not an http://host:port address");
            }
        }
        return new Upstream(service, parsed, retryAfter);
    }

    public String service() {
        return service;
    }

    public List<URI> urls() {
        return replicas.stream().map(r -> r.url).toList();
    }

    /** A request on a connection to the first replica, in this call's order, that accepts one. */
    public Future<HttpClientRequest> connect(HttpClient client, RequestOptions options) {
        return inTurn(url -> client.request(new RequestOptions(options)
                .setServer(SocketAddress.inetSocketAddress(url.getPort(), url.getHost()))
                .setHost(url.getHost()).setPort(url.getPort())));
    }

    /**
     * {@code attempt} on the replicas in this call's order (round robin, refusing ones last) until one
     * succeeds; fails with {@link Unavailable} when none does.
     */
    public <T> Future<T> inTurn(Function<URI, Future<T>> attempt) {
        return attempt(attempt, order(), 0, null);
    }

    private List<Replica> order() {
        int start = Math.floorMod(next.getAndIncrement(), replicas.size());
        List<Replica> order = new ArrayList<>(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            order.add(replicas.get((start + i) % replicas.size()));
        }
        long now = System.currentTimeMillis();
        order.sort(Comparator.comparing(r -> r.refusedUntil > now)); // stable: refusing replicas last
        return order;
    }

    private <T> Future<T> attempt(Function<URI, Future<T>> attempt, List<Replica> order, int i, Throwable last) {
        if (i == order.size()) {
            return Future.failedFuture(new Unavailable(service, last));
        }
        Replica replica = order.get(i);
        return attempt.apply(replica.url)
                .onSuccess(result -> replica.refusedUntil = 0)
                .recover(e -> {
                    replica.refusedUntil = System.currentTimeMillis() + retryAfterMillis;
                    return attempt(attempt, order, i + 1, e);
                });
    }
}
