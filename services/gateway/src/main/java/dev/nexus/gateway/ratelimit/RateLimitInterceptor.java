package dev.nexus.gateway.ratelimit;

import dev.nexus.gateway.edge.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rate limits of the REST API, counted before a call reaches its service. Every answer carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds) of the
 * caller's most restrictive bucket; a call over a limit is a {@code 429} problem with
 * {@code Retry-After} and never reaches the service.
 */
@ApplicationScoped
public class RateLimitInterceptor implements ProxyInterceptor {

    private static final Set<String> AUTH_PATHS = Set.of("/api/v1/auth/login", "/api/v1/auth/register",
            "/api/v1/auth/refresh");
    private static final String LOGIN = "/api/v1/auth/login";
    /** Larger login bodies are not read for the e-mail bucket (identity refuses them anyway). */
    private static final int LOGIN_BODY_LIMIT = 8192;

    private final RateLimiter limiter;
    private final Callers callers;
    private final RateLimitConfig config;

    RateLimitInterceptor(RateLimiter limiter, Callers callers) {
        this.limiter = limiter;
        this.callers = callers;
        this.config = limiter.config();
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        if (!config.enabled()) {
            return context.sendRequest();
        }
        HttpServerRequest incoming = context.request().proxiedRequest();
        return keys(context).compose(limiter::take)
                .compose(verdict -> {
                    if (verdict.isEmpty()) {
                        return context.sendRequest();
                    }
                    RateLimiter.Verdict v = verdict.get();
                    RateLimiter.headers(incoming.response(), v);
                    return v.allowed() ? context.sendRequest() : Future.succeededFuture(refusal(context, v));
                });
    }

    private Future<List<RateLimiter.Key>> keys(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        String address = incoming.remoteAddress().hostAddress();
        if (incoming.method() != HttpMethod.POST || !AUTH_PATHS.contains(incoming.path())) {
            return callers.subject(incoming.getHeader("authorization")).map(subject -> List.of(subject
                    .map(id -> new RateLimiter.Key("user", id, config.user()))
                    .orElseGet(() -> new RateLimiter.Key("anonymous", address, config.anonymous()))));
        }
        List<RateLimiter.Key> keys = new ArrayList<>(List.of(new RateLimiter.Key("auth", address, config.auth())));
        if (!incoming.path().equals(LOGIN) || !smallBody(incoming)) {
            return Future.succeededFuture(keys);
        }
        Future<Buffer> body = incoming.body();
        incoming.resume();
        return body.map(buffer -> {
            context.request().setBody(Body.body(buffer));
            email(buffer).ifPresent(email -> keys.add(new RateLimiter.Key("login-email", email, config.loginEmail())));
            return keys;
        });
    }

    private static boolean smallBody(HttpServerRequest request) {
        try {
            String length = request.getHeader("content-length");
            return length != null && Long.parseLong(length) <= LOGIN_BODY_LIMIT;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The SHA-256 of the lower-cased e-mail address of a login body: no address is written to Redis. */
    private static Optional<String> email(Buffer body) {
        try {
            Object email = new JsonObject(body).getValue("email");
            if (!(email instanceof String text) || text.isBlank()) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProxyResponse refusal(ProxyContext context, RateLimiter.Verdict verdict) {
        return context.request().release().response().setStatusCode(429)
                .putHeader("content-type", Problems.MEDIA_TYPE)
                .putHeader("retry-after", String.valueOf(verdict.resetSeconds()))
                .setBody(Body.body(RateLimiter.refusal(verdict)));
    }
}
