package dev.nexus.notes.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.platform.memberships.GroupRole;
import dev.nexus.platform.memberships.Memberships.Member;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MentionsTest {

    private final Member ada = member("Ada");
    private final Member adaL = member("Ada Lovelace");
    private final Member bob = member("bob");
    private final List<Member> members = List.of(ada, adaL, bob);

    @Test
    void names_with_spaces_win_over_their_prefix_and_case_does_not_matter() {
        assertEquals(List.of(adaL.userId(), ada.userId()), Mentions.resolve("@ada lovelace, and @Ada.", members));
    }

    @Test
    void each_member_is_listed_once_in_order_of_first_mention() {
        assertEquals(List.of(bob.userId(), ada.userId()), Mentions.resolve("@bob @Ada @BOB", members));
    }

    @Test
    void unknown_names_e_mail_addresses_and_longer_words_stay_text() {
        assertEquals(List.of(), Mentions.resolve("@Nobody mail bob@ada.org @bobby @Adam", members));
    }

    @Test
    void a_mention_may_end_the_text_or_touch_punctuation() {
        assertEquals(List.of(bob.userId()), Mentions.resolve("thanks (@bob)", members));
        assertEquals(List.of(bob.userId()), Mentions.resolve("@bob", members));
    }

    private static Member member(String name) {
        return new Member(UUID.randomUUID(), name, GroupRole.MEMBER);
    }
}
