package dev.nexus.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The audit trail of security-relevant actions: one JSON object per line on the log category
 * {@value #CATEGORY}, with what happened ({@code audit}), when ({@code at}, UTC), who did it
 * ({@code actor}: a user id, or {@code -} when nobody is logged in) and from where ({@code ip}: the
 * client's address as the gateway forwards it), plus the action's own details. Callers pass ids and
 * names only, never passwords, tokens, or whole invite codes.
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "nexus.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final ObjectMapper json;
    private final CurrentVertxRequest request;

    public AuditLog(ObjectMapper json, CurrentVertxRequest request) {
        this.json = json;
        this.request = request;
    }

    /** {@code details}: name → value (a String, number, boolean or null); values are written as they are. */
    public void record(String action, Object actor, Map<String, ?> details) {
        ObjectNode line = json.createObjectNode()
                .put("audit", action)
                .put("at", Instant.now().toString())
                .put("actor", actor == null ? "-" : actor.toString())
                .put("ip", clientAddress());
        details.forEach((name, value) -> line.set(name, json.valueToTree(value)));
        LOG.info(line.toString());
    }

    /** An invite code is a key to a group: the trail names it by its first characters only. */
    public static String shortened(String secret) {
        return secret == null ? null : secret.substring(0, Math.min(4, secret.length())) + "…";
    }

    private String clientAddress() {
        try {
            RoutingContext current = request.getCurrent();
            SocketAddress address = current == null ? null : current.request().remoteAddress();
            return address == null ? "-" : address.hostAddress();
        } catch (RuntimeException e) { // no request here (an event handler, a job)
            return "-";
        }
    }
}
