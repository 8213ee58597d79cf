package dev.nexus.sessions.pairing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.contracts.Events;
import dev.nexus.platform.db.Sql;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.rsvp.Rsvp;
import dev.nexus.sessions.session.CodingSession;
import dev.nexus.sessions.session.SessionViews.OccurrenceView;
import dev.nexus.sessions.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Pair sessions (issue 17): members' pairing profiles, and an occurrence's pairs — proposed by
 * {@link Pairing#propose} among the members going, avoiding the pairs an organizer set for the
 * previous occurrence, until an organizer sets them (adjusted or as proposed).
 */
@ApplicationScoped
public class PairService {

    /** Hours a member is usually free on one day of the week, in their own zone: {@code [fromHour, toHour)}. */
    public record FreeTime(@NotNull DayOfWeek day,
            @NotNull @Min(value = 0, message = "must be 0 to 23")
            @Max(value = 23, message = "must be 0 to 23") Integer fromHour,
            @NotNull @Min(value = 1, message = "must be 1 to 24")
            @Max(value = 24, message = "must be 1 to 24") Integer toHour) {
    }

    /** A pairing profile; {@code free} in {@code timeZone}, the caller's. */
    public record ProfileView(@Schema(maxItems = 10) List<@Size(max = 30) String> languages,
            @Schema(minimum = "1", maximum = "5") int level, @Schema(maxItems = 168) List<FreeTime> free,
            @Schema(maxLength = 64) String timeZone) {
    }

    /** A member of an occurrence's pairs. */
    public record Paired(UUID userId, @Schema(maxLength = Events.MAX_DISPLAY_NAME) String displayName) {
    }

    /** An occurrence's pairs (and the trio when the count is odd): set by an organizer, or proposed. */
    public record PairsView(UUID sessionId, OffsetDateTime occurrenceStart, boolean set,
            @Schema(maxItems = 1000) List<@Size(max = 3) List<Paired>> groups) {
    }

    /** The groups an organizer sets: every member going in exactly one, of 2 or 3. */
    public record SetPairs(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Size(min = 1, max = 3) List<@NotNull UUID>> groups) {
    }

    private static final TypeReference<List<List<UUID>>> GROUPS = new TypeReference<>() {
    };
    private static final int HOURS_A_WEEK = 168;

    private final MobService mobs;
    private final ObjectMapper json;

    public PairService(MobService mobs, ObjectMapper json) {
        this.mobs = mobs;
        this.json = json;
    }

    /** The caller's profile, with free hours in {@code zone}; an empty one (level 3) until set. */
    @WithSession
    public Uni<ProfileView> profile(UUID caller, ZoneId zone) {
        return profiles(List.of(caller)).map(found -> {
            Pairing.Member member = found.get(caller);
            return member == null ? new ProfileView(List.of(), 3, List.of(), zone.getId())
                    : new ProfileView(member.languages().stream().sorted().toList(), member.level(),
                            local(member.freeHours(), zone), zone.getId());
        });
    }

    /** Replaces the caller's profile; free hours given in {@code zone} are stored in UTC. */
    public Uni<ProfileView> setProfile(UUID caller, ZoneId zone, List<String> languages, int level, List<FreeTime> free) {
        Set<Integer> utc = new HashSet<>();
        for (int i = 0; i < free.size(); i++) {
            FreeTime t = free.get(i);
            if (t.toHour() <= t.fromHour()) {
                throw ProblemException.invalidField("free[" + i + "].toHour", "must be after fromHour");
            }
            for (int hour = t.fromHour(); hour < t.toHour(); hour++) {
                utc.add(Math.floorMod((t.day().getValue() - 1) * 24 + hour - offsetHours(zone), HOURS_A_WEEK));
            }
        }
        List<String> names = languages.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        return Panache.withTransaction(() -> Sql.execute("""
                        insert into pairing_profiles (user_id, languages, level, free_hours, updated_at)
                        values (?1, ?2, ?3, ?4, now())
                        on conflict (user_id) do update set languages = excluded.languages, level = excluded.level,
                            free_hours = excluded.free_hours, updated_at = excluded.updated_at""",
                        caller, names.toArray(String[]::new), level, utc.stream().sorted().toArray(Integer[]::new)))
                .replaceWith(() -> new ProfileView(names.stream().sorted().toList(), level, local(utc, zone), zone.getId()));
    }

    /** The occurrence's pairs as set, or as proposed now; 409 unless it is a pair session. */
    @WithSession
    public Uni<PairsView> pairs(UUID caller, UUID sessionId, Instant start) {
        return mobs.visible(caller, sessionId).call(session -> pairSession(session))
                .chain(session -> MobService.occurrence(session, start).chain(occurrence -> stored(session.id, start)
                        .chain(set -> set != null ? view(session, occurrence, true, set)
                                : proposal(session, start).chain(proposed -> view(session, occurrence, false, proposed)))));
    }

    /**
     * Sets the occurrence's groups (owner or organizers): every member going in exactly one group of
     * 2 or 3 (1 only when one is going); a 400 naming the first entry that is not so.
     */
    public Uni<PairsView> setPairs(UUID caller, UUID sessionId, Instant start, List<List<UUID>> groups) {
        return Panache.withTransaction(() -> mobs.organizing(caller, sessionId).call(session -> pairSession(session))
                .chain(session -> MobService.occurrence(session, start).chain(occurrence -> going(session.id)
                        .chain(going -> {
                            check(groups, going);
                            return Sql.execute("""
                                            insert into occurrence_pairs (session_id, occurrence_start, groups, set_by, set_at)
                                            values (?1, ?2, cast(cast(?3 as text) as jsonb), ?4, now())
                                            on conflict (session_id, occurrence_start) do update set groups = excluded.groups,
                                                set_by = excluded.set_by, set_at = excluded.set_at""",
                                            session.id, start.atOffset(ZoneOffset.UTC), write(groups), caller)
                                    .chain(() -> view(session, occurrence, true, groups));
                        }))));
    }

    private static void check(List<List<UUID>> groups, List<UUID> going) {
        Set<UUID> placed = new HashSet<>();
        Set<UUID> goingSet = new HashSet<>(going);
        for (int i = 0; i < groups.size(); i++) {
            List<UUID> group = groups.get(i);
            if (group.size() == 1 && going.size() > 1) {
                throw ProblemException.invalidField("groups[" + i + "]", "must have 2 or 3 members");
            }
            for (int j = 0; j < group.size(); j++) {
                UUID member = group.get(j);
                if (!goingSet.contains(member)) {
                    throw ProblemException.invalidField("groups[" + i + "][" + j + "]", "is not going to this session");
                }
                if (!placed.add(member)) {
                    throw ProblemException.invalidField("groups[" + i + "][" + j + "]", "is in another group already");
                }
            }
        }
        if (placed.size() < going.size()) {
            throw ProblemException.invalidField("groups", (going.size() - placed.size())
                    + " of the members going are in no group");
        }
    }

    /** The proposal among those going now, avoiding the pairs set for the latest earlier occurrence. */
    private Uni<List<List<UUID>>> proposal(CodingSession session, Instant start) {
        return going(session.id).chain(going -> profiles(going).chain(profiles -> Sql.list("""
                        select groups::text from occurrence_pairs where session_id = ?1 and occurrence_start < ?2
                        order by occurrence_start desc limit 1""", String.class, session.id, start.atOffset(ZoneOffset.UTC))
                .map(previous -> {
                    Set<Set<UUID>> pairs = new HashSet<>();
                    for (String groups : previous) {
                        for (List<UUID> group : read(groups)) {
                            for (UUID a : group) {
                                for (UUID b : group) {
                                    if (a.compareTo(b) < 0) {
                                        pairs.add(Set.of(a, b));
                                    }
                                }
                            }
                        }
                    }
                    List<Pairing.Member> members = going.stream().map(id -> profiles.getOrDefault(id,
                            new Pairing.Member(id, Set.of(), 3, Set.of()))).toList();
                    return Pairing.propose(members, pairs);
                })));
    }

    private static Uni<List<UUID>> going(UUID sessionId) {
        return Rsvp.<Rsvp>list("sessionId = ?1 and status = ?2 and waitlisted = false order by respondedAt, userId",
                sessionId, Rsvp.Status.GOING).map(rsvps -> rsvps.stream().map(r -> r.userId).toList());
    }

    private static Uni<Map<UUID, Pairing.Member>> profiles(List<UUID> users) {
        return Sql.list("""
                        select user_id, array_to_string(languages, ','), level, array_to_string(free_hours, ',')
                        from pairing_profiles where user_id = any(?1)""", Object[].class, (Object) users.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Pairing.Member> found = new HashMap<>();
                    for (Object[] r : rows) {
                        found.put((UUID) r[0], new Pairing.Member((UUID) r[0], split((String) r[1]),
                                ((Number) r[2]).intValue(), split((String) r[3]).stream().map(Integer::valueOf)
                                        .collect(Collectors.toSet())));
                    }
                    return found;
                });
    }

    private static Set<String> split(String list) {
        return list == null || list.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(list.split(",")));
    }

    private Uni<List<List<UUID>>> stored(UUID sessionId, Instant start) {
        return Sql.list("select groups::text from occurrence_pairs where session_id = ?1 and occurrence_start = ?2",
                        String.class, sessionId, start.atOffset(ZoneOffset.UTC))
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0)));
    }

    private static Uni<PairsView> view(CodingSession session, OccurrenceView occurrence, boolean set,
            List<List<UUID>> groups) {
        List<UUID> ids = groups.stream().flatMap(List::stream).distinct().toList();
        return User.<User>list("id in ?1", ids).map(users -> {
            Map<UUID, String> names = new HashMap<>();
            users.forEach(u -> names.put(u.id, u.displayName));
            return new PairsView(session.id, occurrence.startsAt(), set, groups.stream()
                    .map(group -> group.stream().map(id -> new Paired(id, names.getOrDefault(id, "Someone"))).toList())
                    .toList());
        });
    }

    private static Uni<Void> pairSession(CodingSession session) {
        return MobService.formatOf(session.id).map(format -> {
            if (format.format() != MobService.Format.PAIR) {
                throw ProblemException.conflict("This is not a pair session: set its format to PAIR first.");
            }
            return null;
        });
    }

    /** UTC hours of the week as ranges per day in {@code zone} (its offset today). */
    static List<FreeTime> local(Set<Integer> utcHours, ZoneId zone) {
        boolean[] free = new boolean[HOURS_A_WEEK];
        utcHours.forEach(h -> free[Math.floorMod(h + offsetHours(zone), HOURS_A_WEEK)] = true);
        List<FreeTime> ranges = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            int hour = 0;
            while (hour < 24) {
                if (!free[day * 24 + hour]) {
                    hour++;
                    continue;
                }
                int from = hour;
                while (hour < 24 && free[day * 24 + hour]) {
                    hour++;
                }
                ranges.add(new FreeTime(DayOfWeek.of(day + 1), from, hour));
            }
        }
        return ranges;
    }

    private static int offsetHours(ZoneId zone) {
        return Math.floorDiv(zone.getRules().getOffset(Instant.now()).getTotalSeconds(), 3600);
    }

    private String write(List<List<UUID>> groups) {
        try {
            return json.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<UUID>> read(String groups) {
        try {
            return json.readValue(groups, GROUPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pairs", e);
        }
    }
}
