package dev.nexus.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.problem.Problems;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} on POST: a client that is unsure whether its request arrived sends it again
 * with the same key and gets the first answer (status, body, {@code Location}, {@code ETag}) instead
 * of a second group, session or note, for 24 hours. The same key with another body or path is a
 * {@code 422}; while the first request is still running a second one is a {@code 409} to retry.
 * Records live in Redis, so every replica sees them; keys are scoped to the caller (token subject, or
 * anonymous for registration). A 5xx answer is not kept: the request may be retried. When Redis is
 * away, requests go through without the guarantee (logged), like every other Redis use here.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY = 255;
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String RECORD = Idempotency.class.getName() + ".record";
    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final ReactiveRedisDataSource redis;
    private final CurrentIdentityAssociation identity;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration retention;
    private final Duration inFlight;
    private final long bodyLimit;

    Idempotency(ReactiveRedisDataSource redis, CurrentIdentityAssociation identity, ObjectMapper json,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.idempotency.retention", defaultValue = "24h") Duration retention,
            @ConfigProperty(name = "nexus.idempotency.in-flight", defaultValue = "60s") Duration inFlight,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit) {
        this.redis = redis;
        this.identity = identity;
        this.json = json;
        this.prefix = prefix + "idem:";
        this.retention = retention;
        this.inFlight = inFlight;
        this.bodyLimit = bodyLimit.asLongValue();
    }

    /**
     * A POST with a key has its body read here, before RESTEasy, so that {@link #claim} can fingerprint
     * it: RESTEasy reads the body only after its request filters.
     */
    void readBodies(@Observes Router router) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
        router.post().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (ctx.request().headers().contains(HEADER)) {
                bodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** Claims the key for this request, or answers with what the key already stands for. */
    @ServerRequestFilter
    public Uni<Response> claim(ContainerRequestContext request, RoutingContext http) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        if (key.isBlank() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Uni.createFrom().item(Problems.response(ProblemException.invalidField(HEADER,
                    "must be 1 to " + MAX_KEY + " visible ASCII characters, such as a UUID").toProblem()));
        }
        Buffer body = http.body().buffer();
        String fingerprint = sha256(request.getUriInfo().getRequestUri().getRawPath(),
                body == null ? new byte[0] : body.getBytes());
        // a bad token is answered 401 by the resource itself; nothing to claim then
        return identity.getDeferredIdentity().onFailure().recoverWithNull().chain(caller -> {
            if (caller == null) {
                return Uni.createFrom().nullItem();
            }
            String subject = caller.isAnonymous() ? "anonymous" : caller.getPrincipal().getName();
            String redisKey = prefix + sha256(subject, key.getBytes(StandardCharsets.UTF_8));
            ObjectNode pending = json.createObjectNode().put("fingerprint", fingerprint);
            return redis.value(String.class, String.class)
                    .setGet(redisKey, pending.toString(), new SetArgs().nx().px(inFlight))
                    .map(previous -> {
                        if (previous == null) {
                            request.setProperty(RECORD, new Claim(redisKey, fingerprint));
                            return null;
                        }
                        return answer(read(previous), fingerprint);
                    });
        }).onFailure(e -> !(e instanceof ProblemException)).recoverWithItem(e -> {
            LOG.warnf("Idempotency-Key not honoured (Redis: %s)", e.getMessage());
            return null;
        });
    }

    /** Keeps the answer for the key's retention; a 5xx frees the key for a retry. */
    @ServerResponseFilter
    public Uni<Void> keep(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(RECORD) instanceof Claim claim)) {
            return Uni.createFrom().voidItem();
        }
        Uni<?> write;
        if (response.getStatus() >= 500) {
            write = redis.key().del(claim.redisKey());
        } else {
            ObjectNode done = json.createObjectNode().put("fingerprint", claim.fingerprint())
                    .put("status", response.getStatus());
            for (String header : List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG)) {
                String value = response.getHeaderString(header);
                if (value != null) {
                    done.with("headers").put(header, value);
                }
            }
            if (response.hasEntity()) {
                // the writer picks the type after the filters; every API here answers JSON unless it set one
                done.with("headers").put(HttpHeaders.CONTENT_TYPE,
                        response.getMediaType() == null ? MediaType.APPLICATION_JSON : response.getMediaType().toString());
                done.put("body", write(response.getEntity()));
            }
            write = redis.value(String.class, String.class).set(claim.redisKey(), done.toString(),
                    new SetArgs().px(retention));
        }
        return write.onFailure().invoke(e -> LOG.warnf("Idempotency-Key answer not kept (Redis: %s)", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Response answer(ObjectNode record, String fingerprint) {
        if (!fingerprint.equals(record.path("fingerprint").asText())) {
            return Problems.response(new ProblemException(422, "Unprocessable Content", "This " + HEADER
                    + " was already used for a different request (another path or body). Use a new key for a new"
                    + " request.", List.of()).toProblem());
        }
        if (!record.has("status")) {
            return Response.fromResponse(Problems.response(new ProblemException(409, "Conflict", "A request with this "
                    + HEADER + " is still being processed; retry in a moment to get its answer.", List.of()).toProblem()))
                    .header("Retry-After", "1").build();
        }
        Response.ResponseBuilder replay = Response.status(record.get("status").asInt()).header(REPLAYED, "true");
        record.path("headers").properties().forEach(h -> replay.header(h.getKey(), h.getValue().asText()));
        if (record.has("body")) {
            replay.entity(record.get("body").asText());
        }
        return replay.build();
    }

    private record Claim(String redisKey, String fingerprint) {
    }

    private ObjectNode read(String stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable idempotency record", e);
        }
    }

    private String write(Object entity) {
        try {
            return entity instanceof String text ? text : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be kept", e);
        }
    }

    private static String sha256(String first, byte[] second) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(first.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(second));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
