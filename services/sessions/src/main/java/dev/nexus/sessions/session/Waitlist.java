package dev.nexus.sessions.session;

import io.smallrye.mutiny.Uni;

/**
 * The RSVP waitlist as an edit of a session needs it: implemented by {@code rsvp.RsvpService}, which
 * builds on sessions, so sessions reach it through this interface instead of importing it.
 */
public interface Waitlist {

    /**
     * Gives free places to the waitlist, first in line first. Call inside the transaction that
     * freed places (a decline, a capacity increase), with the session row locked.
     */
    Uni<Void> fillFreePlaces(CodingSession session);
}
