package dev.nexus.identity.auth;

import dev.nexus.platform.db.Retention;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Refresh tokens a day after they expired: used, revoked or not, an expired token is refused
 * anyway, so its row (kept until then for reuse detection) is no longer needed.
 */
@ApplicationScoped
public class RefreshTokenRetention implements Retention.Rule {

    @Override
    public String table() {
        return "refresh_tokens";
    }

    @Override
    public String column() {
        return "expires_at";
    }

    @Override
    public Duration age() {
        return Duration.ofDays(1);
    }
}
