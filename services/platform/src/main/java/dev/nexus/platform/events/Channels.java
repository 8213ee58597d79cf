package dev.nexus.platform.events;

/** Messaging channel names. Their broker topology is in the platform's META-INF/microprofile-config.properties. */
public final class Channels {

    /** Incoming: a consuming service's own quorum queue {@code <service>.events}. */
    public static final String EVENTS_IN = "nexus-events-in";

    private Channels() {
    }
}
