package dev.nexus.notifications.email;

import static dev.nexus.testing.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.SessionScheduled;
import dev.nexus.notifications.Learner;
import dev.nexus.notifications.MailServer;
import dev.nexus.testing.Broker;
import dev.nexus.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmailTest {

    private static final Instant TUESDAY = Instant.parse("2027-03-02T17:00:00Z");

    @Inject
    Emails emails;

    @Inject
    Digests digests;

    private Broker broker;
    private UUID groupId;
    private Learner olga;

    @BeforeEach
    void group() {
        broker = Broker.open();
        groupId = UUID.randomUUID();
        olga = Learner.named("Olga").joins(groupId, "OWNER");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void an_email_type_sends_an_email_with_the_text_in_the_recipients_zone_and_a_link() throws Exception {
        Learner ada = Learner.named("Ada").joins(groupId);
        prefer(ada, Map.of("channels", Map.of("session.scheduled", "EMAIL")));
        UUID sessionId = UUID.randomUUID();
        broker.publishAndWait(event(new SessionScheduled(sessionId, groupId, "Graph night", TUESDAY, TUESDAY.plusSeconds(3600),
                "Europe/Berlin", olga.id(), null, null)));

        assertEquals(1, run(() -> emails.sendDue()));
        MimeMessage mail = mailTo(ada.email()).get(0);
        assertEquals("New session in your group: Graph night", mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Graph night is scheduled for Tue 2 Mar 18:00 CET."), body);
        assertTrue(body.contains("http://localhost:8080/sessions/" + sessionId), "a link to the web app's page: " + body);
        assertEquals("<" + Db.value("select id from emails where to_address = ?", ada.email()) + "@nexus.notifications>",
                mail.getMessageID(), "a Message-ID of its own, the same on a resend");
        assertEquals(0, run(() -> emails.sendDue()), "sent once");
        assertEquals(1, ada.notifications("session.scheduled").size(), "and in the inbox");
    }

    @Test
    void in_app_types_send_no_email_and_quiet_hours_hold_email_back_but_not_the_inbox() throws Exception {
        Learner ada = Learner.named("Ada").joins(groupId);
        Learner bob = Learner.named("Bob").joins(groupId);
        LocalTime nowInBerlin = LocalTime.now(ZoneId.of("Europe/Berlin"));
        prefer(bob, Map.of("channels", Map.of("note.posted", "EMAIL"),
                "quietStart", nowInBerlin.minusHours(1).withSecond(0).withNano(0).toString().substring(0, 5),
                "quietEnd", nowInBerlin.plusHours(1).withSecond(0).withNano(0).toString().substring(0, 5)));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Quiet")));

        assertEquals(0, run(() -> emails.sendDue()));
        assertTrue(mailTo(ada.email()).isEmpty());
        assertTrue(mailTo(bob.email()).isEmpty());
        assertEquals(1, bob.notifications("note.posted").size());
    }

    @Test
    void a_daily_digest_sends_everything_unread_at_eight_in_the_users_zone_once() throws Exception {
        Learner carl = Learner.named("Carl", "Asia/Tokyo").joins(groupId);
        prefer(carl, Map.of("digest", "DAILY", "channels", Map.of("note.posted", "EMAIL")));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "First")));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Second")));
        assertEquals(0, run(() -> emails.sendDue()), "a digest user gets no single e-mails");

        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant before = nextDigestDay(tokyo).atTime(7, 59).atZone(tokyo).toInstant();
        Instant at = before.plusSeconds(6 * 60);
        assertEquals(0, run(() -> digests.runAt(before)), "not before 08:00 in Tokyo");
        assertEquals(1, run(() -> digests.runAt(at)));
        assertEquals(0, run(() -> digests.runAt(at.plusSeconds(3600))), "once a day");
        run(() -> emails.sendDue());

        List<MimeMessage> mails = mailTo(carl.email());
        assertEquals(1, mails.size());
        assertEquals("Your Nexus digest: 2 unread", mails.get(0).getSubject());
        String body = GreenMailUtil.getBody(mails.get(0));
        assertTrue(body.indexOf("New note: First") < body.indexOf("New note: Second") && body.contains("First"), body);
        assertEquals(1L, Db.value("select count(*) from emails where recipient_id = ?", carl.id()));
    }

    @Test
    void a_digest_run_skips_a_user_whose_preferences_another_replica_holds_and_sends_theirs_next_run()
            throws Exception {
        Learner dora = Learner.named("Dora", "Asia/Tokyo").joins(groupId);
        Learner emil = Learner.named("Emil", "Asia/Tokyo").joins(groupId);
        prefer(dora, Map.of("digest", "DAILY"));
        prefer(emil, Map.of("digest", "DAILY"));
        broker.publishAndWait(event(new NotePosted(UUID.randomUUID(), groupId, null, olga.id(), "Locked")));
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant at = nextDigestDay(tokyo).atTime(8, 1).atZone(tokyo).toInstant();

        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select 1 from preferences where user_id = ? for update")) {
                lock.setObject(1, dora.id());
                lock.executeQuery().close();
            }
            run(() -> digests.runAt(at));
            assertEquals(1L, Db.value("select count(*) from emails where recipient_id = ?", emil.id()));
            assertEquals(0L, Db.value("select count(*) from emails where recipient_id = ?", dora.id()), "skipped");
            other.rollback();
        }
        run(() -> digests.runAt(at.plusSeconds(60)));
        assertEquals(1L, Db.value("select count(*) from emails where recipient_id = ?", dora.id()), "next run");
        assertEquals(1L, Db.value("select count(*) from emails where recipient_id = ?", emil.id()), "still one");
    }

    private static void prefer(Learner learner, Map<String, Object> preferences) {
        learner.call().body(preferences).when().put("/api/v1/notification-preferences").then().statusCode(200);
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(MailServer.server().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int run(Supplier<io.smallrye.mutiny.Uni<Integer>> job) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(job);
        } catch (Throwable e) {
            throw new Exception(e);
        }
    }

    /** The day of the next 08:00 in the zone: the digest then covers what arrived in the 24 hours before. */
    private static LocalDate nextDigestDay(ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        return now.toLocalTime().isBefore(LocalTime.of(8, 0)) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
    }
}
