package dev.nexus.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nexus.contracts.Events.*;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final Instant T1 = Instant.parse("2026-03-28T17:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-28T18:30:00Z");

    private static final Map<EventType, EventPayload> SAMPLES = List.<EventPayload>of(
            new UserRegistered(A, "Ada", "Europe/Berlin", "ada@example.org"),
            new UserUpdated(A, "Ada L.", "America/New_York", "ada@example.org"),
            new UserSignedOut(A, B, "logout"),
            new GroupCreated(A, "Rustaceans", "PUBLIC", B),
            new GroupUpdated(A, "Rustaceans Berlin", "PRIVATE", B),
            new MemberJoined(A, B, "member"),
            new MemberLeft(A, B, "organizer"),
            new MemberRoleChanged(A, B, "organizer"),
            new SessionScheduled(A, B, "Mob on borrowck", T1, T2, "Europe/Berlin", C, 8, "FREQ=WEEKLY;COUNT=4", C),
            new SessionRescheduled(A, B, T1, T2, T1.plusSeconds(3600), T2.plusSeconds(3600), T1, "FREQ=DAILY;COUNT=3"),
            new SessionCancelled(A, B, "Speaker ill", null),
            new RsvpChanged(A, B, C, "GOING", true),
            new WaitlistPromoted(A, B, C),
            new PollOpened(A, B, "When do we mob?", C, T1, 3),
            new PollAnswered(A, B, C),
            new PollClosed(A, B, "When do we mob?", C, B, T1, T2, "Europe/Berlin", "FREQ=WEEKLY;COUNT=4", List.of(A, C)),
            new RotationPublished(A, B, "Mob night", T1, List.of(new DriveTurn(C, T1, T2))),
            new NotePosted(A, B, null, C, "Lifetimes cheat sheet"),
            new NoteUpdated(A, B, C, C, "Lifetimes cheat sheet v2"),
            new ProblemPosted(A, B, null, C, "Two sum"),
            new SolutionPosted(A, B, C, A),
            new SolutionAccepted(A, B, C, A, B),
            new CommentAdded(A, "SOLUTION", B, C, A, B, List.of(C)))
            .stream().collect(Collectors.toMap(p -> EventType.of(p.getClass()), p -> p));

    @Test
    void every_event_type_has_a_sample() {
        assertEquals(EnumSet.allOf(EventType.class), EnumSet.copyOf(SAMPLES.keySet()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void event_survives_a_json_round_trip(EventType type) throws Exception {
        CloudEvent<EventPayload> event = CloudEvent.of("/test", SAMPLES.get(type));

        String json = JSON.writeValueAsString(event);
        JavaType javaType = JSON.getTypeFactory().constructParametricType(CloudEvent.class, type.payloadType());
        CloudEvent<?> back = JSON.readValue(json, javaType);

        assertEquals(event, back);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void envelope_is_structured_cloudevents_json(EventType type) throws Exception {
        EventPayload payload = SAMPLES.get(type);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(CloudEvent.of("/test", payload)));

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals(type.type(), json.get("type").asText());
        assertEquals(payload.subject(), json.get("subject").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertTrue(json.get("time").isTextual(), "time is an RFC 3339 string");
        assertTrue(json.get("data").isObject());
        assertTrue(!json.get("data").has("subject"), "data holds only the payload's fields");
    }

    @Test
    void traceparent_is_a_top_level_attribute_and_absent_when_not_traced() throws Exception {
        EventPayload payload = SAMPLES.get(EventType.SESSION_SCHEDULED);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        CloudEvent<EventPayload> traced = CloudEvent.of("/test", payload).withTraceparent(traceparent);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(traced));
        assertEquals(traceparent, json.get("traceparent").asText());
        JavaType javaType = JSON.getTypeFactory().constructParametricType(CloudEvent.class, payload.getClass());
        assertEquals(traced, JSON.readValue(json.toString(), javaType));
        assertTrue(!JSON.readTree(JSON.writeValueAsString(CloudEvent.of("/test", payload))).has("traceparent"));
    }

    @Test
    void routing_key_is_the_type_without_the_nexus_prefix() {
        assertEquals("session.rsvp-changed.v1", EventType.SESSION_RSVP_CHANGED.routingKey());
        assertEquals(EventType.GROUP_MEMBER_JOINED, EventType.fromType("nexus.group.member-joined.v1").orElseThrow());
        assertTrue(EventType.fromType("nexus.unknown.v1").isEmpty());
    }
}
