package dev.nexus.gateway.graphql;

import dev.nexus.gateway.edge.Problems;
import dev.nexus.gateway.ratelimit.Callers;
import dev.nexus.gateway.ratelimit.RateLimitConfig;
import dev.nexus.gateway.ratelimit.RateLimiter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a GraphQL document must pass before SmallRye GraphQL runs it: a size limit (413 problem),
 * a parse with a token limit whose syntax errors say where they are (SmallRye only says
 * "Unparseable input document"), and the caller's GraphQL rate limit, counted by the document's
 * cost: the number of fields it selects (fragments counted where they are spread). Depth and
 * complexity limits are SmallRye's instrumentation (application.properties); all of it happens
 * before any call to a service.
 */
@ApplicationScoped
public class GraphQLGuard {

    /** After CORS, before SmallRye GraphQL's own route. */
    static final int ORDER = -40;

    private final RateLimiter limiter;
    private final RateLimitConfig config;
    private final Callers callers;
    private final int maxBytes;
    private final int maxTokens;

    GraphQLGuard(RateLimiter limiter, Callers callers,
            @ConfigProperty(name = "nexus.graphql.max-document-bytes") int maxBytes,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") int maxTokens) {
        this.limiter = limiter;
        this.config = limiter.config();
        this.callers = callers;
        this.maxBytes = maxBytes;
        this.maxTokens = maxTokens;
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(ctx -> {
            if (declaredLength(ctx.request()) > maxBytes) {
                Problems.send(ctx.response(), 413, "payload-too-large", "Payload Too Large",
                        "a GraphQL request may be at most " + maxBytes + " bytes");
                return;
            }
            ctx.next();
        });
        router.route("/graphql").order(ORDER + 1).method(HttpMethod.POST).handler(BodyHandler.create()
                .setBodyLimit(maxBytes).setHandleFileUploads(false));
        router.route("/graphql").order(ORDER + 2).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String document = document(ctx);
        if (document == null) {
            ctx.next(); // a WebSocket upgrade, or a request SmallRye answers itself
            return;
        }
        Document parsed;
        try {
            parsed = Parser.parse(ParserEnvironment.newParserEnvironment().document(document)
                    .parserOptions(ParserOptions.newParserOptions().maxTokens(maxTokens).build()).build());
        } catch (InvalidSyntaxException e) {
            JsonObject error = new JsonObject().put("message", e.getMessage())
                    .put("extensions", new JsonObject().put("code", "GRAPHQL_PARSE_FAILED"));
            if (e.getLocation() != null) {
                error.put("locations", new JsonArray().add(new JsonObject()
                        .put("line", e.getLocation().getLine()).put("column", e.getLocation().getColumn())));
            }
            ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
            return;
        }
        if (!config.enabled()) {
            ctx.next();
            return;
        }
        int cost = Math.max(1, cost(parsed));
        String address = request.remoteAddress().hostAddress();
        callers.subject(request.getHeader("authorization"))
                .map(subject -> new RateLimiter.Key("graphql", subject.orElse(address), config.graphql(), cost))
                .compose(key -> limiter.take(List.of(key)))
                .onSuccess(verdict -> {
                    if (verdict.isEmpty()) {
                        ctx.next();
                        return;
                    }
                    RateLimiter.headers(ctx.response(), verdict.get());
                    if (verdict.get().allowed()) {
                        ctx.next();
                    } else {
                        ctx.response().setStatusCode(429).putHeader("content-type", Problems.MEDIA_TYPE)
                                .putHeader("retry-after", String.valueOf(verdict.get().resetSeconds()))
                                .end(RateLimiter.refusal(verdict.get()));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static long declaredLength(HttpServerRequest request) {
        try {
            String length = request.getHeader("content-length");
            return length == null ? 0 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The query of a GraphQL POST (JSON or application/graphql); null when there is none to check. */
    private static String document(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || ctx.body().buffer() == null) {
            return null;
        }
        String type = ctx.request().getHeader("content-type");
        if (type != null && type.startsWith("application/graphql")) {
            return ctx.body().asString();
        }
        try {
            Object query = ctx.body().asJsonObject().getValue("query");
            return query instanceof String text ? text : null;
        } catch (RuntimeException notJson) {
            return null; // SmallRye answers malformed requests itself
        }
    }

    /** Fields selected by the document's operations, each fragment counted where it is spread. */
    static int cost(Document document) {
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f, (a, b) -> a));
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .mapToInt(operation -> cost(operation.getSelectionSet(), fragments, 0)).sum();
    }

    private static int cost(SelectionSet selections, Map<String, FragmentDefinition> fragments, int depth) {
        if (selections == null || depth > 64) {
            return 0; // deeper documents are refused by the depth limit anyway
        }
        int cost = 0;
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                cost += 1 + cost(field.getSelectionSet(), fragments, depth + 1);
            } else if (selection instanceof InlineFragment inline) {
                cost += cost(inline.getSelectionSet(), fragments, depth + 1);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                cost += cost(fragments.get(spread.getName()).getSelectionSet(), fragments, depth + 1);
            }
        }
        return cost;
    }
}
