package dev.nexus.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes and reads events as structured-mode CloudEvents JSON. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper json;

    public EventCodec(ObjectMapper json) {
        this.json = json;
    }

    public String encode(CloudEvent<?> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.type(), e);
        }
    }

    /** The {@code traceparent} attribute of an encoded event; null when it has none or is not JSON. */
    public String traceparent(String text) {
        try {
            return json.readTree(text).path("traceparent").textValue();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Reads an event of a known type.
     *
     * @throws MalformedEventException when the JSON is broken, the type unknown or the data does not fit it
     */
    public CloudEvent<EventPayload> decode(String text) {
        try {
            String typeName = json.readTree(text).path("type").asText();
            EventType type = EventType.fromType(typeName)
                    .orElseThrow(() -> new MalformedEventException("unknown event type '" + typeName + "'"));
            JavaType javaType = json.getTypeFactory().constructParametricType(CloudEvent.class, type.payloadType());
            return json.readValue(text, javaType);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not a valid Nexus event: " + e.getMessage());
        }
    }

    /** An event no retry can ever process: it goes to the dead-letter queue at once. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
