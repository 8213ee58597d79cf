package dev.nexus.gateway.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents written by the gateway itself (the services write their own). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://nexus.dev/problems/";

    private Problems() {
    }

    /** A problem body: {@code type} is {@code https://nexus.dev/problems/<kind>}; {@code service} only when one is named. */
    public static Buffer body(int status, String kind, String title, String detail, String service) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + kind)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (service != null) {
            problem.put("service", service);
        }
        return problem.toBuffer();
    }

    /** Ends {@code response} with a problem. */
    public static void send(HttpServerResponse response, int status, String kind, String title, String detail) {
        send(response, status, kind, title, detail, null);
    }

    /** Ends {@code response} with a problem that names the {@code service} it is about. */
    public static void send(HttpServerResponse response, int status, String kind, String title, String detail,
            String service) {
        response.setStatusCode(status).putHeader("content-type", MEDIA_TYPE)
                .end(body(status, kind, title, detail, service));
    }
}
