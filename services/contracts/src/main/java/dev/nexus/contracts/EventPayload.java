package dev.nexus.contracts;

/** The data of a Nexus event. Every payload names the aggregate it is about. */
public interface EventPayload {

    /** The aggregate id, used as the CloudEvents {@code subject}. */
    String subject();
}
