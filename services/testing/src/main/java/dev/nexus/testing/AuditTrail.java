package dev.nexus.testing;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the audit lines (log category {@code nexus.audit}) a service writes while a test runs. */
public final class AuditTrail extends Handler implements AutoCloseable {

    private static final String CATEGORY = "nexus.audit";

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private AuditTrail() {
    }

    public static AuditTrail record() {
        AuditTrail trail = new AuditTrail();
        Logger.getLogger(CATEGORY).addHandler(trail);
        return trail;
    }

    /** The lines of one action, parsed, in the order they were written. */
    public List<JsonObject> of(String action) {
        return lines.stream().map(JsonObject::new).filter(line -> action.equals(line.getString("audit"))).toList();
    }

    /** Every line as written. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }
}
