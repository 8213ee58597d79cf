package dev.nexus.notes.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.platform.memberships.GroupRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpoilerGuardTest {

    private final UUID caller = UUID.randomUUID();
    private final UUID someoneElse = UUID.randomUUID();
    private final UUID poser = UUID.randomUUID();

    @Test
    void a_member_who_has_not_solved_or_revealed_cannot_read_another_members_solution() {
        assertFalse(SpoilerGuard.canRead(caller, GroupRole.MEMBER, someoneElse, poser, false));
        assertFalse(SpoilerGuard.canReadAll(caller, GroupRole.MEMBER, poser, false));
    }

    @Test
    void solving_or_revealing_unlocks_every_solution() {
        assertTrue(SpoilerGuard.canRead(caller, GroupRole.MEMBER, someoneElse, poser, true));
        assertTrue(SpoilerGuard.canReadAll(caller, GroupRole.MEMBER, poser, true));
    }

    @Test
    void ones_own_solution_is_always_readable() {
        assertTrue(SpoilerGuard.canRead(caller, GroupRole.MEMBER, caller, poser, false));
    }

    @Test
    void the_problems_author_and_organizers_read_everything() {
        assertTrue(SpoilerGuard.canRead(poser, GroupRole.MEMBER, someoneElse, poser, false));
        assertTrue(SpoilerGuard.canRead(caller, GroupRole.ORGANIZER, someoneElse, poser, false));
        assertTrue(SpoilerGuard.canRead(caller, GroupRole.OWNER, someoneElse, poser, false));
    }
}
