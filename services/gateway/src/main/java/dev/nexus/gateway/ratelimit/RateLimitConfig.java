package dev.nexus.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "nexus.rate-limit")
public interface RateLimitConfig {

    /** Off: no bucket is counted and no header is sent. */
    boolean enabled();

    /** Redis key prefix of the buckets; gateway replicas that share it share the buckets. */
    String prefix();

    /** A Redis call slower than this lets the request through (fail open). */
    Duration timeout();

    /** Calls without a valid access token, per client address. */
    Bucket anonymous();

    /** Calls with a valid access token, per subject (user id). */
    Bucket user();

    /** POST /api/v1/auth/login, /register and /refresh, per client address. */
    Bucket auth();

    /** POST /api/v1/auth/login, per e-mail address (case-insensitive). */
    Bucket loginEmail();

    /** GraphQL documents by cost (the fields they select), per subject or, without a valid token, per address. */
    Bucket graphql();

    interface Bucket {
        /** Calls allowed per window. */
        int limit();

        /** The window starts at a bucket's first call and ends this long after. */
        Duration window();
    }
}
