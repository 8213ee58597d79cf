package dev.nexus.identity.auth;

import dev.nexus.platform.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Slows down password guessing, in identity itself and for every replica (counters in Redis): failed
 * logins are counted per e-mail address and per client address over a window; from the
 * {@code max-failures}-th failure on, that address is locked for a delay that doubles with each further
 * failure (30 s, 1 min, 2 min ... at most the window). A locked login answers {@code 429} with
 * {@code Retry-After} before the password is checked. Unknown e-mail addresses are counted like known
 * ones, so the answers never tell whether an account exists. A successful login clears its e-mail's
 * counter. When Redis cannot be asked, logins are not throttled (the gateway's rate limits still are).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    /** Milliseconds the longer of the two locks still runs (negative: neither is set). */
    private static final String LOCKED = "return math.max(redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))";

    /**
     * KEYS: failures and lock of the e-mail, then of the client; ARGV: both limits, the window (ms, also
     * the longest lock), the first lock (ms).
     */
    private static final String FAILED = """
            for i = 1, 2 do
              local failures = redis.call('INCR', KEYS[2 * i - 1])
              redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[3])
              local over = failures - tonumber(ARGV[i])
              if over >= 0 then
                local lock = math.min(tonumber(ARGV[3]), tonumber(ARGV[4]) * 2 ^ math.min(over, 30))
                redis.call('SET', KEYS[2 * i], '1', 'PX', math.floor(lock))
              end
            end
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Duration firstLock;

    LoginThrottle(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "nexus.cache.prefix") String prefix,
            @ConfigProperty(name = "nexus.login.max-failures-per-account", defaultValue = "5") int perAccount,
            @ConfigProperty(name = "nexus.login.max-failures-per-address", defaultValue = "20") int perAddress,
            @ConfigProperty(name = "nexus.login.failure-window", defaultValue = "15m") Duration window,
            @ConfigProperty(name = "nexus.login.first-lock", defaultValue = "30s") Duration firstLock) {
        this.redis = redis;
        this.prefix = prefix + "login:";
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.firstLock = firstLock;
    }

    /** Fails with a 429 problem while the e-mail or the client address is locked. */
    public Uni<Void> check(String email, String address) {
        return redis.execute("EVAL", LOCKED, "2", lock("account", email), lock("address", address))
                .map(reply -> reply.toLong())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("login throttling unavailable (Redis: %s)", e.getMessage());
                    return -1L;
                })
                .invoke(millis -> {
                    if (millis > 0) {
                        throw locked((millis + 999) / 1000);
                    }
                })
                .replaceWithVoid();
    }

    /** Counts a failed login against the e-mail and the client address. */
    public Uni<Void> failed(String email, String address) {
        return redis.execute("EVAL", FAILED, "4", failures("account", email), lock("account", email),
                        failures("address", address), lock("address", address), String.valueOf(perAccount),
                        String.valueOf(perAddress), String.valueOf(window.toMillis()), String.valueOf(firstLock.toMillis()))
                .onFailure().invoke(e -> LOG.warnf("failed login not counted (Redis: %s)", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Forgets the e-mail's failures after a successful login; the client address keeps its count. */
    public Uni<Void> succeeded(String email) {
        return redis.key().del(failures("account", email), lock("account", email))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static ProblemException locked(long seconds) {
        return new ProblemException(429, "Too Many Requests",
                "Too many failed logins; try again in " + seconds + " s.", List.of()).retryAfter(seconds);
    }

    private String failures(String kind, String id) {
        return prefix + kind + ":" + normalise(id) + ":failures";
    }

    private String lock(String kind, String id) {
        return prefix + kind + ":" + normalise(id) + ":lock";
    }

    /** E-mail addresses are matched without case, like at registration, and kept in Redis only hashed. */
    private static String normalise(String id) {
        return AuthService.sha256(id == null ? "unknown" : id.trim().toLowerCase(Locale.ROOT));
    }
}
