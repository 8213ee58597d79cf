package dev.nexus.notes.problem;

import dev.nexus.platform.memberships.GroupRole;
import java.util.UUID;

/**
 * Whether a caller may read a solution's body (and the comments on it). Until they have posted a
 * solution to the problem or asked to reveal the others, members see only the author, language
 * and votes of other members' solutions. Their own solutions, the problem's author (who posed it
 * and accepts a solution) and the group's owner and organizers see everything.
 */
public final class SpoilerGuard {

    private SpoilerGuard() {
    }

    /**
     * @param unlocked the caller posted a solution to this problem or revealed its solutions
     */
    public static boolean canRead(UUID caller, GroupRole role, UUID solutionAuthor, UUID problemAuthor,
            boolean unlocked) {
        return unlocked || caller.equals(solutionAuthor) || caller.equals(problemAuthor) || role.organizes();
    }

    /** Whether every solution of the problem is readable to the caller, whoever wrote it. */
    public static boolean canReadAll(UUID caller, GroupRole role, UUID problemAuthor, boolean unlocked) {
        return unlocked || caller.equals(problemAuthor) || role.organizes();
    }
}
