package dev.nexus.notifications.projection;

import dev.nexus.platform.db.Sql;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What the projections' writes share. */
final class Projection {

    private Projection() {
    }

    /** Runs a conditional write: whether it changed a row. */
    static Uni<Boolean> applied(String sql, Object... params) {
        return Sql.execute(sql, params).map(rows -> rows > 0);
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
