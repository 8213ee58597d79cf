package dev.nexus.sessions.calendar;

import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.session.CodingSession;
import dev.nexus.sessions.session.OccurrenceChange;
import dev.nexus.sessions.session.SessionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.jboss.logging.Logger;

/**
 * RFC 5545 calendar feeds: each user's sessions (all their groups) as one VCALENDAR that calendar
 * apps subscribe to. The feed token in the URL is its only credential, so it is long, random,
 * stored hashed and rotatable. A cancelled occurrence of a series is an EXDATE; a moved one is a
 * VEVENT of the same UID with a RECURRENCE-ID.
 */
@ApplicationScoped
public class CalendarService {

    /** How far back the feed reaches: recently past sessions stay in subscribers' calendars. */
    static final Duration HISTORY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();
    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    /** Issues a new token for the user; the previous one stops working. */
    @WithTransaction
    public Uni<String> rotate(UUID userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return CalendarToken.<CalendarToken>findById(userId).chain(existing -> {
            CalendarToken row = existing != null ? existing : new CalendarToken();
            row.userId = userId;
            row.tokenHash = sha256(token);
            row.createdAt = Instant.now();
            return row.persist();
        }).replaceWith(token);
    }

    /** The feed of the token's owner; 404 for an unknown or rotated-away token. */
    @WithSession
    public Uni<String> feed(String token) {
        return CalendarToken.<CalendarToken>find("tokenHash", sha256(token)).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "No calendar feed has this token; it may have been rotated. Create a new one."))
                .chain(owner -> CodingSession.<CodingSession>find(
                                "groupId in (select m.groupId from Membership m where m.userId = ?1)"
                                        + " and (startsAt >= ?2 or (recurrence is not null and startsAt >= ?3))"
                                        + " order by startsAt, id",
                                owner.userId, Instant.now().minus(HISTORY),
                                Instant.now().minus(HISTORY).minus(Duration.ofDays(366)))
                        .list())
                .chain(sessions -> SessionService.changesOf(sessions).map(changes -> render(sessions, changes)));
    }

    static String render(List<CodingSession> sessions, Map<UUID, List<OccurrenceChange>> changes) {
        Calendar calendar = new Calendar()
                .withProdId("-//Nexus//Coding sessions//EN")
                .withProperty(ImmutableVersion.VERSION_2_0)
                .withProperty(new CalScale(CalScale.VALUE_GREGORIAN))
                .getFluentTarget();
        Instant stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TreeSet<String> zones = new TreeSet<>(sessions.stream().map(s -> s.timeZone).toList());
        if (zones.isEmpty()) {
            // RFC 5545 §3.6: a calendar holds at least one component, also when there is no session yet
            zones.add("Etc/UTC");
        }
        for (String zone : zones) {
            calendar.withComponent(ZONES.getTimeZone(zone).getVTimeZone());
        }
        for (CodingSession s : sessions) {
            VEvent event = new VEvent(s.firstStart(), s.firstStart().plusMinutes(s.durationMinutes), s.title);
            // the constructor stamps the event already: replace, or DTSTAMP would occur twice
            event.replace(new DtStamp(stamp));
            event.withProperty(new Uid(s.id + "@nexus"))
                    .withProperty(new Sequence(s.sequence))
                    .withProperty(new Status(s.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            if (!s.description.isEmpty()) {
                event.withProperty(new Description(s.description));
            }
            meetingLink(s).ifPresent(url -> event.withProperty(new Url(url)).withProperty(new Location(url.toString())));
            if (s.recurrence != null) {
                event.withProperty(new RRule<>(s.recurrence));
            }
            calendar.withComponent(event);
            for (OccurrenceChange change : changes.getOrDefault(s.id, List.of())) {
                ZonedDateTime original = change.id.originalStart.atZone(s.firstStart().getZone());
                if (change.cancelled) {
                    event.withProperty(new ExDate<>(new DateList<>(original)));
                } else if (change.movedTo != null) {
                    // RFC 5545 §3.8.4.4: an instance of the series, identified by its original start, moved
                    ZonedDateTime start = change.movedTo.atZone(s.firstStart().getZone());
                    VEvent instance = new VEvent(start, start.plusMinutes(s.durationMinutes), s.title);
                    instance.replace(new DtStamp(stamp));
                    instance.withProperty(new Uid(s.id + "@nexus"))
                            .withProperty(new RecurrenceId<>(original))
                            .withProperty(new Sequence(s.sequence));
                    calendar.withComponent(instance);
                }
            }
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("calendar could not be written", e);
        }
        return out.toString();
    }

    /**
     * The session's meeting link for calendar apps (URL, and LOCATION, which most of them show).
     * Links are checked when written; one stored before that check that is not a URI is left out
     * rather than breaking every member's feed.
     */
    private static Optional<URI> meetingLink(CodingSession session) {
        if (session.meetingUrl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(session.meetingUrl));
        } catch (URISyntaxException e) {
            LOG.warnf("session %s: meeting link left out of calendar feeds (%s)", session.id, e.getMessage());
            return Optional.empty();
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
