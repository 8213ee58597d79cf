package dev.nexus.notes.comment;

import dev.nexus.platform.memberships.Memberships.Member;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code @displayName} mentions. Names may contain spaces ("@Ada Lovelace"), so at each {@code @}
 * the longest member name that follows (case-insensitively, up to a word boundary) wins. An
 * {@code @} inside a word (an e-mail address) and names of non-members stay plain text.
 */
final class Mentions {

    private Mentions() {
    }

    /** The members mentioned in {@code text}, in order of first mention. */
    static List<UUID> resolve(String text, List<Member> members) {
        List<Member> byLength = members.stream()
                .filter(m -> !m.displayName().isBlank())
                .sorted(Comparator.comparingInt((Member m) -> m.displayName().length()).reversed())
                .toList();
        Set<UUID> mentioned = new LinkedHashSet<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && isWordChar(text.charAt(at - 1))) {
                continue;
            }
            int start = at + 1;
            byLength.stream()
                    .filter(m -> text.regionMatches(true, start, m.displayName(), 0, m.displayName().length()))
                    .filter(m -> start + m.displayName().length() == text.length()
                            || !isWordChar(text.charAt(start + m.displayName().length())))
                    .findFirst()
                    .ifPresent(m -> mentioned.add(m.userId()));
        }
        return List.copyOf(mentioned);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
