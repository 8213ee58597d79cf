package dev.nexus.notifications.recipient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.notifications.recipient.Preference.Channel;
import dev.nexus.notifications.recipient.Preference.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads and writes the {@code preferences} table (migration V3); call inside a session. */
@ApplicationScoped
public class Preferences {

    private static final TypeReference<Map<String, Channel>> CHANNELS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public Preferences(ObjectMapper json) {
        this.json = json;
    }

    /** Everyone's preferences; the defaults for those who never set any. */
    public Uni<Map<UUID, Preference>> of(Collection<UUID> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select user_id, channels::text, array_to_string(muted_groups, ','), digest,
                            array_to_string(reminder_leads, ','), quiet_start::text, quiet_end::text,
                            hold_in_sessions
                        from preferences where user_id = any(?1)""", Object[].class)
                .setParameter(1, users.stream().distinct().toArray(UUID[]::new))
                .getResultList())
                .map(rows -> {
                    Map<UUID, Preference> all = new HashMap<>();
                    users.forEach(u -> all.put(u, Preference.DEFAULTS));
                    rows.forEach(r -> all.put((UUID) r[0], preference(r)));
                    return all;
                });
    }

    public Uni<Preference> of(UUID user) {
        return of(List.of(user)).map(all -> all.get(user));
    }

    public Uni<Void> save(UUID user, Preference p) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into preferences (user_id, channels, muted_groups, digest, reminder_leads, quiet_start, quiet_end,
                            hold_in_sessions)
                        values (?1, cast(cast(?2 as text) as jsonb), ?3, ?4, ?5, ?6, ?7, ?8)
                        on conflict (user_id) do update set channels = excluded.channels,
                            muted_groups = excluded.muted_groups, digest = excluded.digest,
                            reminder_leads = excluded.reminder_leads, quiet_start = excluded.quiet_start,
                            quiet_end = excluded.quiet_end, hold_in_sessions = excluded.hold_in_sessions, version = preferences.version + 1""")
                .setParameter(1, user)
                .setParameter(2, write(p.channels()))
                .setParameter(3, p.mutedGroups().toArray(UUID[]::new))
                .setParameter(4, p.digest().name())
                .setParameter(5, p.reminderLeads().toArray(Integer[]::new))
                .setParameter(6, p.quietStart())
                .setParameter(7, p.quietEnd())
                .setParameter(8, p.holdInSessions())
                .executeUpdate())
                .replaceWithVoid();
    }

    private Preference preference(Object[] r) {
        try {
            return new Preference(json.readValue((String) r[1], CHANNELS),
                    split((String) r[2]).map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new)),
                    Digest.valueOf((String) r[3]), split((String) r[4]).map(Integer::valueOf).toList(),
                    r[5] == null ? null : LocalTime.parse((String) r[5]), r[6] == null ? null : LocalTime.parse((String) r[6]),
                    (Boolean) r[7]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable preferences", e);
        }
    }

    private static Stream<String> split(String list) {
        return list == null || list.isEmpty() ? Stream.empty() : Arrays.stream(list.split(","));
    }

    private String write(Map<String, Channel> channels) {
        try {
            return json.writeValueAsString(channels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
