package dev.nexus.testing;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import io.vertx.core.json.JsonObject;

/** Wire form of events, for tests that publish straight to the broker. */
public final class Events {

    private Events() {
    }

    public static String json(CloudEvent<?> event) {
        return JsonObject.mapFrom(event).encode();
    }

    public static <T extends EventPayload> CloudEvent<T> event(T payload) {
        return CloudEvent.of("/test", payload);
    }
}
