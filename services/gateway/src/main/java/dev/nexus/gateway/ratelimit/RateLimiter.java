package dev.nexus.gateway.ratelimit;

import dev.nexus.gateway.edge.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in Redis, one key per bucket and caller, so that every gateway replica
 * counts into the same buckets. A window opens at a bucket's first call and lasts the bucket's
 * window; every call in it counts, refused ones too. When Redis fails or is slower than the
 * configured timeout, calls go through uncounted (fail open) and the metric
 * {@code nexus_gateway_rate_limit_fail_open_total} goes up.
 */
@ApplicationScoped
public class RateLimiter {

    /**
     * One bucket of one caller: {@code name} is the bucket ({@code user}, {@code auth} ...), {@code id}
     * the caller; a call counts {@code cost} (1 for a REST call, its field count for a GraphQL document).
     */
    public record Key(String name, String id, RateLimitConfig.Bucket bucket, int cost) {
        public Key(String name, String id, RateLimitConfig.Bucket bucket) {
            this(name, id, bucket, 1);
        }
    }

    /**
     * What a call left in its most restrictive bucket; refused when {@code count > limit}.
     *
     * @param bucket the bucket's name
     * @param resetSeconds whole seconds until that bucket's window ends (at least 1)
     */
    public record Verdict(String bucket, int limit, long count, long resetSeconds) {
        public boolean allowed() {
            return count <= limit;
        }

        public long remaining() {
            return Math.max(0, limit - count);
        }
    }

    // For each key: count the call's cost, start the window on the first one, answer count and milliseconds
    // left. ARGV holds a window and a cost per key.
    private static final String SCRIPT = """
            local out = {}
            for i, key in ipairs(KEYS) do
              local window = ARGV[2 * i - 1]
              local count = redis.call('INCRBY', key, ARGV[2 * i])
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then
                redis.call('PEXPIRE', key, window)
                ttl = tonumber(window)
              end
              out[#out + 1] = count
              out[#out + 1] = ttl
            end
            return out
            """;

    private static final String SCRIPT_SHA = sha1(SCRIPT);
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The bare Vert.x client: a call on the proxy's hot path is one Redis round trip and one event-loop timer. */
    private final Redis redis;
    private final Vertx vertx;
    private final RateLimitConfig config;
    private final Counter failOpen;

    RateLimiter(Redis redis, Vertx vertx, RateLimitConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.failOpen = Counter.builder("nexus.gateway.rate_limit.fail_open")
                .description("calls let through uncounted because Redis failed or was slow")
                .register(registry);
    }

    /** The RateLimit-* headers of a verdict on a response about to be sent. */
    public static void headers(HttpServerResponse response, Verdict verdict) {
        response.putHeader("RateLimit-Limit", String.valueOf(verdict.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(verdict.remaining()))
                .putHeader("RateLimit-Reset", String.valueOf(verdict.resetSeconds()));
    }

    /** The 429 problem of a refused call; send it with {@code Retry-After: resetSeconds}. */
    public static Buffer refusal(Verdict verdict) {
        return Problems.body(429, "rate-limited", "Too Many Requests", "too many requests in the '" + verdict.bucket()
                + "' limit (" + verdict.limit() + " per window); try again in " + verdict.resetSeconds() + " s", null);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RateLimitConfig config() {
        return config;
    }

    /**
     * Counts one call in every bucket of {@code keys}; empty when Redis could not be asked or did not answer
     * within the configured timeout (the call goes through). Call it on the event loop of the request.
     */
    public Future<Optional<Verdict>> take(List<Key> keys) {
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(keys.size()));
        keys.forEach(key -> args.add(config.prefix() + "rl:" + key.name() + ":" + key.id()));
        keys.forEach(key -> {
            args.add(String.valueOf(key.bucket().window().toMillis()));
            args.add(String.valueOf(key.cost()));
        });
        Promise<Response> answer = Promise.promise();
        long timeout = config.timeout().toMillis();
        long timer = vertx.setTimer(timeout, id -> answer.tryFail(new TimeoutException("no answer within " + timeout + " ms")));
        run(args).onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete(result.result());
            } else {
                answer.tryFail(result.cause());
            }
        });
        return answer.future()
                .map(reply -> {
                    List<Verdict> verdicts = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        long millis = reply.get(2 * i + 1).toLong();
                        verdicts.add(new Verdict(keys.get(i).name(), keys.get(i).bucket().limit(), reply.get(2 * i).toLong(),
                                Math.max(1, (millis + 999) / 1000)));
                    }
                    return verdicts.stream().min(Comparator.comparing(Verdict::allowed)
                            .thenComparing(Verdict::remaining));
                })
                .otherwise(e -> {
                    failOpen.increment();
                    LOG.debugf("rate limits not counted (Redis: %s)", e.getMessage());
                    return Optional.empty();
                });
    }

    /** The script by its SHA-1 (Redis keeps it compiled), sent whole only when Redis does not know it (yet). */
    private Future<Response> run(List<String> args) {
        return redis.send(script(Command.EVALSHA, SCRIPT_SHA, args))
                .recover(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT")
                        ? redis.send(script(Command.EVAL, SCRIPT, args)) : Future.failedFuture(e));
    }

    private static Request script(Command command, String script, List<String> args) {
        Request request = Request.cmd(command).arg(script);
        args.forEach(request::arg);
        return request;
    }
}
