package dev.nexus.notifications.push;

import static dev.nexus.testing.Events.event;
import static dev.nexus.testing.Events.json;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.Events.MemberLeft;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.UserSignedOut;
import dev.nexus.notifications.Learner;
import dev.nexus.testing.Broker;
import dev.nexus.testing.StreamClient;
import dev.nexus.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams end by themselves: beyond the per-user cap, when their login ends, when access changes. */
@QuarkusTest
class StreamLimitsTest {

    @TestHTTPResource("/")
    URI base;

    private Broker broker;
    private UUID groupId;
    private Learner ada;
    private Learner bob;
    private final List<StreamClient> open = new ArrayList<>();

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        ada = Learner.named("Ada").joins(groupId);
        bob = Learner.named("Bob").joins(groupId);
    }

    @AfterEach
    void close() {
        open.forEach(StreamClient::close);
        broker.close();
    }

    @Test
    void a_sixth_stream_of_one_user_closes_the_oldest_and_the_other_five_stay_live() throws Exception {
        List<StreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            streams.add(stream(ada.token()));
        }
        assertEquals(PushHub.TOO_MANY_STREAMS, streams.get(0).closeCode());

        publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Still live")));
        for (StreamClient stream : streams.subList(1, 6)) {
            assertEquals("New note: Still live",
                    stream.next("notification").getJsonObject("notification").getString("title"));
            assertFalse(stream.isClosed());
        }
    }

    @Test
    void a_login_that_ends_closes_its_own_streams_and_no_others() throws Exception {
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        StreamClient onLaptop = stream(Tokens.forSession(ada.id(), "Ada", laptop));
        StreamClient onPhone = stream(Tokens.forSession(ada.id(), "Ada", phone));

        publish(event(new UserSignedOut(ada.id(), laptop, "logout")));

        assertEquals(PushHub.SIGNED_OUT, onLaptop.closeCode());
        publish(event(new NotePosted(UUID.randomUUID(), groupId, null, bob.id(), "Phone still hears")));
        assertEquals("New note: Phone still hears",
                onPhone.next("notification").getJsonObject("notification").getString("title"));
        assertFalse(onPhone.isClosed());
    }

    @Test
    void leaving_a_group_closes_every_stream_of_that_user_only() throws Exception {
        StreamClient first = stream(ada.token());
        StreamClient second = stream(ada.token());
        StreamClient bobs = stream(bob.token());

        publish(event(new MemberLeft(groupId, ada.id(), "member")));

        assertEquals(PushHub.ACCESS_CHANGED, first.closeCode());
        assertEquals(PushHub.ACCESS_CHANGED, second.closeCode());
        publish(event(new NotePosted(UUID.randomUUID(), groupId, null, ada.id(), "Bob still hears")));
        assertEquals("New note: Bob still hears", bobs.next("notification").getJsonObject("notification").getString("title"));
    }

    /** A stream that is open and live (its first message, the unread count, has arrived). */
    private StreamClient stream(String token) throws Exception {
        String ticket = given().auth().oauth2(token).when().post("/api/v1/notifications/stream-ticket")
                .then().statusCode(200).extract().path("ticket");
        StreamClient stream = StreamClient.open(base.toString(), "ticket=" + ticket);
        open.add(stream);
        assertEquals("unread-count", stream.next().getString("type"));
        return stream;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private void publish(CloudEvent<?> event) {
        broker.publish(event.type().substring("nexus.".length()), json((CloudEvent) event));
    }
}
