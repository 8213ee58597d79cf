package dev.nexus.sessions.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.cache.HotCache.Entry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every session document also shows its times in the caller's own zone, taken from the token's
 * {@code zoneinfo} claim (identity puts the account's zone there; UTC when absent):
 * {@code "inYourZone": {"timeZone": "Asia/Tokyo", "startsAt": "...+09:00", "endsAt": "..."}}, on a
 * session and on every occurrence of a list. Cached documents are shared by everyone, so this is
 * added per zone, once per cached version; the ETag names the zone too ({@code "v3;Asia/Tokyo"}).
 */
@ApplicationScoped
public class CallerZone {

    private final ObjectMapper json;
    private final JsonWebToken token;

    public CallerZone(ObjectMapper json, JsonWebToken token) {
        this.json = json;
        this.token = token;
    }

    public ZoneId zone() {
        Object claim = token.getClaim("zoneinfo");
        try {
            return claim == null ? ZoneId.of("UTC") : ZoneId.of(claim.toString());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /**
     * A session document or page in the caller's zone: its JSON with {@code inYourZone}, and its ETag
     * naming the zone (null when the document has none).
     */
    public record Localized(byte[] json, String etag) {

        /** {@code status} with the document; a response varies with the caller's token. */
        public Response toResponse(Response.Status status) {
            Response.ResponseBuilder response = Response.status(status)
                    .entity(json)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
            return (etag == null ? response : response.tag(EntityTag.valueOf(etag))).build();
        }
    }

    /** A session or a page of occurrences, as an object to serialise; {@code etag} null when none. */
    public Localized localize(Object document, String etag) {
        try {
            return localize(json.writeValueAsString(document), etag, zone());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session or a page of occurrences, as an object to serialise. */
    public Response respond(Response.Status status, Object document, String etag) {
        return localize(document, etag).toResponse(status);
    }

    /**
     * A cached session or page of occurrences; 304 when If-None-Match names it. Its view in a zone is
     * made once per cached version and zone, and kept with the entry.
     */
    public Response respond(Entry entry, String ifNoneMatch) {
        ZoneId zone = zone();
        Localized view = entry.view(zone, e -> localize(e.json(), e.etag(), zone));
        if (view.etag() != null && HotCache.matches(ifNoneMatch, view.etag())) {
            return Response.notModified(EntityTag.valueOf(view.etag())).header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
        }
        return view.toResponse(Response.Status.OK);
    }

    private Localized localize(String document, String etag, ZoneId zone) {
        try {
            JsonNode node = json.readTree(document);
            localize((ObjectNode) node, zone);
            return new Localized(json.writeValueAsBytes(node), zoned(etag, zone));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code "v3"} → {@code "v3;Asia/Tokyo"}: the same version looks different in another zone. */
    private static String zoned(String etag, ZoneId zone) {
        return etag == null ? null : etag.substring(0, etag.length() - 1) + ";" + zone + '"';
    }

    /** A page's items (pages inside pages too, as in a read of several groups), or the document itself. */
    private void localize(ObjectNode document, ZoneId zone) {
        if (document.has("items")) {
            document.get("items").forEach(item -> localize((ObjectNode) item, zone));
        } else {
            addLocalTimes(document, zone);
        }
    }

    private void addLocalTimes(ObjectNode document, ZoneId zone) {
        ObjectNode local = document.putObject("inYourZone");
        local.put("timeZone", zone.getId());
        local.put("startsAt", OffsetDateTime.parse(document.get("startsAt").asText()).atZoneSameInstant(zone)
                .toOffsetDateTime().toString());
        local.put("endsAt", OffsetDateTime.parse(document.get("endsAt").asText()).atZoneSameInstant(zone)
                .toOffsetDateTime().toString());
    }
}
