package dev.nexus.sessions.session;

import dev.nexus.platform.cache.HotCache;
import dev.nexus.platform.cache.HotCache.Entry;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.sessions.access.Group;
import dev.nexus.sessions.access.GroupAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The hot reads of sessions, from Redis: a session by id and a group's upcoming occurrences, each
 * stored with its group's id and visibility so that a hit is authorised without the database (a
 * private group's membership is cached too). Every write invalidates what it changed right after
 * its transaction committed: its service calls the matching method then
 * ({@code Transactions.afterCommit}).
 */
@ApplicationScoped
public class SessionCache {

    static final Duration SESSION_TTL = Duration.ofMinutes(5);
    /** Short: the upcoming list also changes as time passes and sessions end. */
    static final Duration UPCOMING_TTL = Duration.ofSeconds(60);
    static final Duration ACCESS_TTL = Duration.ofMinutes(5);
    private static final String NOT_A_MEMBER = "NONE";

    private final HotCache cache;
    private final SessionService sessions;
    private final GroupAccess groupAccess;

    public SessionCache(HotCache cache, SessionService sessions, GroupAccess groupAccess) {
        this.cache = cache;
        this.sessions = sessions;
        this.groupAccess = groupAccess;
    }

    /** GET /sessions/{id}: 404 unless the caller may see its group. */
    public Uni<Entry> session(UUID caller, UUID sessionId, boolean bypass) {
        String key = sessionKey(sessionId);
        Uni<Entry> entry = bypass
                ? cache.fresh(() -> sessions.cacheable(sessionId))
                : cache.get(key, SESSION_TTL, () -> sessions.cacheable(sessionId));
        return entry.call(e -> requireAccess(caller, cache.meta(e, Seen.class), SessionService::sessionNotFound));
    }

    /** The first page of GET /groups/{id}/sessions with no parameters. */
    public Uni<Entry> upcoming(UUID caller, UUID groupId, boolean bypass) {
        Uni<Entry> entry = bypass
                ? cache.fresh(() -> sessions.upcoming(groupId))
                : cache.get(upcomingKey(groupId), UPCOMING_TTL, () -> sessions.upcoming(groupId));
        return entry.call(e -> requireAccess(caller, cache.meta(e, Seen.class), GroupAccess::groupNotFound));
    }

    /** The first page of GET /me/sessions with no parameters. */
    public Uni<Entry> agenda(UUID caller, boolean bypass) {
        return bypass
                ? cache.fresh(() -> sessions.upcomingAgenda(caller))
                : cache.get(agendaKey(caller), UPCOMING_TTL, () -> sessions.upcomingAgenda(caller));
    }

    /** A session was scheduled, edited or cancelled: it, its group's list and its members' agendas. */
    public Uni<Void> sessionChanged(UUID sessionId, UUID groupId) {
        return groupAccess.memberIds(groupId).chain(members -> cache.invalidate(Stream.concat(
                Stream.of(sessionKey(sessionId), upcomingKey(groupId)),
                members.stream().map(SessionCache::agendaKey)).toArray(String[]::new)));
    }

    /** A group's name or visibility changed: every cached session of it carries the old one. */
    public Uni<Void> groupChanged(UUID groupId) {
        return sessions.idsOf(groupId).chain(ids -> cache.invalidate(Stream.concat(
                ids.stream().map(SessionCache::sessionKey), Stream.of(upcomingKey(groupId))).toArray(String[]::new)));
    }

    /** Someone joined, left or changed role: their access to the group and their agenda. */
    public Uni<Void> membershipChanged(UUID groupId, UUID... userIds) {
        return cache.invalidate(Arrays.stream(userIds)
                .flatMap(u -> Stream.of(accessKey(groupId, u), agendaKey(u)))
                .toArray(String[]::new));
    }

    /** Who may see a cached session or list: kept beside it, so a hit needs no database. */
    public record Seen(UUID groupId, Group.Visibility visibility) {
        static Seen of(Group group) {
            return new Seen(group.id, group.visibility);
        }
    }

    /** Everyone sees a public group's; a private group's need a (cached) membership. */
    private Uni<Void> requireAccess(UUID caller, Seen seen, Supplier<ProblemException> notFound) {
        if (seen.visibility() == Group.Visibility.PUBLIC) {
            return Uni.createFrom().voidItem();
        }
        UUID groupId = seen.groupId();
        return cache.get(accessKey(groupId, caller), ACCESS_TTL,
                        () -> groupAccess.roleOf(groupId, caller).map(role -> role == null ? NOT_A_MEMBER : role.name()))
                .invoke(role -> {
                    if (role.json().equals('"' + NOT_A_MEMBER + '"')) {
                        throw notFound.get();
                    }
                })
                .replaceWithVoid();
    }

    static String sessionKey(UUID sessionId) {
        return "session:" + sessionId;
    }

    static String upcomingKey(UUID groupId) {
        return "group:" + groupId + ":upcoming";
    }

    static String agendaKey(UUID userId) {
        return "agenda:" + userId;
    }

    static String accessKey(UUID groupId, UUID userId) {
        return "group:" + groupId + ":access:" + userId;
    }
}
