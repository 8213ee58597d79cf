package dev.nexus.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope every Nexus event travels in.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; consumers deduplicate on it
 * @param source the producing service, e.g. {@code /identity}
 * @param type e.g. {@code nexus.user.registered.v1}; see {@link EventType}
 * @param time when the change happened
 * @param subject the aggregate the event is about (its id)
 * @param datacontenttype always {@value #DATA_CONTENT_TYPE}
 * @param data the payload, one of the records of this package
 * @param traceparent the W3C trace context in which the event was made (CloudEvents distributed-tracing
 *     extension); absent when the producer traced nothing
 */
public record CloudEvent<T>(
        String specversion,
        UUID id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        T data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Content type of a whole event on the wire (structured mode). */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** A new event for {@code payload}, with a fresh id and the current time. */
    public static <T extends EventPayload> CloudEvent<T> of(String source, T payload) {
        EventType type = EventType.of(payload.getClass());
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID(), source, type.type(), Instant.now(),
                payload.subject(), DATA_CONTENT_TYPE, payload, null);
    }

    /** This event made in the trace context {@code traceparent} (null: none). */
    public CloudEvent<T> withTraceparent(String traceparent) {
        return new CloudEvent<>(specversion, id, source, type, time, subject, datacontenttype, data, traceparent);
    }
}
