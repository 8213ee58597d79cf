package dev.nexus.platform.memberships;

/** A member's role in a group, as sessions assigns it. */
public enum GroupRole {
    OWNER, ORGANIZER, MEMBER;

    /** Owners and organizers run the group and moderate what is posted in it. */
    public boolean organizes() {
        return this != MEMBER;
    }
}
