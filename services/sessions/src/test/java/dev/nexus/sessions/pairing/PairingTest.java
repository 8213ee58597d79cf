package dev.nexus.sessions.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.sessions.pairing.Pairing.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link Pairing#propose} over generated groups (each case a seed, named in the test's
 * display name, so a failure can be replayed), and a few examples.
 */
class PairingTest {

    private static final List<String> LANGUAGES = List.of("java", "python", "go", "rust", "kotlin", "c++");

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_member_is_in_exactly_one_pair_or_in_the_one_trio_of_an_odd_number(long seed) {
        Random random = new Random(seed);
        List<Member> going = members(random, random.nextInt(31));
        List<List<UUID>> groups = Pairing.propose(going, previousPairs(random, going, 0.2));

        List<UUID> grouped = groups.stream().flatMap(List::stream).toList();
        assertEquals(going.size(), grouped.size(), "nobody twice");
        assertEquals(going.stream().map(Member::id).collect(Collectors.toSet()), new HashSet<>(grouped),
                "everybody");
        long trios = groups.stream().filter(g -> g.size() == 3).count();
        if (going.size() == 1) {
            assertEquals(List.of(List.of(going.get(0).id())), groups, "one alone");
        } else {
            assertTrue(groups.stream().allMatch(g -> g.size() == 2 || g.size() == 3), groups.toString());
            assertEquals(going.size() % 2, trios, "one trio exactly when the number is odd");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void no_pair_of_the_previous_occurrence_repeats_when_another_grouping_avoids_it(long seed) {
        Random random = new Random(seed);
        List<Member> going = members(random, 2 + random.nextInt(9));
        Set<Set<UUID>> previous = previousPairs(random, going, 0.4);
        boolean avoidable = every(going.size()).stream().anyMatch(g -> repeats(g, going, previous) == 0);

        List<List<UUID>> groups = Pairing.propose(going, previous);
        if (avoidable) {
            assertEquals(0, repeats(indices(groups, going), going, previous), groups + " repeats a pair of " + previous);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void up_to_sixteen_the_grouping_scores_as_high_as_the_best_of_all_groupings(long seed) {
        Random random = new Random(seed);
        List<Member> going = members(random, 2 + random.nextInt(8));
        Set<Set<UUID>> previous = previousPairs(random, going, 0.2);
        int[][] score = scores(going, previous);
        int best = every(going.size()).stream().mapToInt(g -> total(g, score)).max().orElseThrow();

        assertEquals(best, total(indices(Pairing.propose(going, previous), going), score));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void above_sixteen_the_next_occurrence_repeats_no_pair_of_the_one_before(long seed) {
        Random random = new Random(seed);
        List<Member> going = members(random, 17 + random.nextInt(24));
        Set<Set<UUID>> before = new HashSet<>();
        for (List<UUID> group : Pairing.propose(going, Set.of())) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    before.add(Set.of(group.get(i), group.get(j)));
                }
            }
        }

        List<List<UUID>> next = Pairing.propose(going, before);
        assertEquals(0, repeats(indices(next, going), going, before), next.toString());
    }

    @Test
    void a_shared_language_comes_before_level_and_free_hours() {
        Member ada = member("java", 1, 0, 10);
        Member bob = member("python", 1, 0, 10);
        Member cy = member("java", 5, 50, 60);
        Member di = member("python", 5, 50, 60);

        assertEquals(List.of(List.of(ada.id(), cy.id()), List.of(bob.id(), di.id())),
                Pairing.propose(List.of(ada, bob, cy, di), Set.of()));
    }

    @Test
    void among_speakers_of_one_language_close_levels_and_shared_hours_decide() {
        Member ada = member("java", 1, 0, 10);
        Member bob = member("java", 5, 100, 110);
        Member cy = member("java", 2, 0, 10);
        Member di = member("java", 4, 100, 110);

        assertEquals(List.of(List.of(ada.id(), cy.id()), List.of(bob.id(), di.id())),
                Pairing.propose(List.of(ada, bob, cy, di), Set.of()));
    }

    @Test
    void nobody_and_one_member_give_no_pairs() {
        assertEquals(List.of(), Pairing.propose(List.of(), Set.of()));
        Member ada = member("java", 3, 0, 1);
        assertEquals(List.of(List.of(ada.id())), Pairing.propose(List.of(ada), Set.of()));
    }

    // ------------------------------------------------------------------ generators and brute force

    private static List<Member> members(Random random, int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<String> languages = new HashSet<>();
            int known = 1 + random.nextInt(3);
            for (int l = 0; l < known; l++) {
                languages.add(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
            }
            Set<Integer> free = new HashSet<>();
            int from = random.nextInt(168);
            for (int h = 0; h < random.nextInt(30); h++) {
                free.add((from + h) % 168);
            }
            members.add(new Member(new UUID(random.nextLong(), i), languages, 1 + random.nextInt(5), free));
        }
        return members;
    }

    private static Member member(String language, int level, int freeFrom, int freeTo) {
        return new Member(UUID.randomUUID(), Set.of(language), level,
                new HashSet<>(IntStream.range(freeFrom, freeTo).boxed().toList()));
    }

    private static Set<Set<UUID>> previousPairs(Random random, List<Member> going, double share) {
        Set<Set<UUID>> pairs = new HashSet<>();
        for (int i = 0; i < going.size(); i++) {
            for (int j = i + 1; j < going.size(); j++) {
                if (random.nextDouble() < share) {
                    pairs.add(Set.of(going.get(i).id(), going.get(j).id()));
                }
            }
        }
        return pairs;
    }

    private static int[][] scores(List<Member> going, Set<Set<UUID>> previous) {
        int[][] score = new int[going.size()][going.size()];
        for (int i = 0; i < going.size(); i++) {
            for (int j = 0; j < going.size(); j++) {
                score[i][j] = i == j ? 0 : Pairing.score(going.get(i), going.get(j), previous);
            }
        }
        return score;
    }

    private static int total(List<int[]> groups, int[][] score) {
        return groups.stream().mapToInt(g -> Pairing.groupScore(g, score)).sum();
    }

    private static int repeats(List<int[]> groups, List<Member> going, Set<Set<UUID>> previous) {
        int repeats = 0;
        for (int[] g : groups) {
            for (int i = 0; i < g.length; i++) {
                for (int j = i + 1; j < g.length; j++) {
                    repeats += previous.contains(Set.of(going.get(g[i]).id(), going.get(g[j]).id())) ? 1 : 0;
                }
            }
        }
        return repeats;
    }

    private static List<int[]> indices(List<List<UUID>> groups, List<Member> going) {
        List<UUID> ids = going.stream().map(Member::id).toList();
        return groups.stream().map(g -> g.stream().mapToInt(ids::indexOf).toArray()).toList();
    }

    /** Every grouping of n members into pairs, with one trio when n is odd. */
    private static List<List<int[]>> every(int n) {
        List<List<int[]>> all = new ArrayList<>();
        group(new boolean[n], n % 2 == 0, new ArrayList<>(), all);
        return all;
    }

    private static void group(boolean[] taken, boolean trioMade, List<int[]> so, List<List<int[]>> all) {
        int first = 0;
        while (first < taken.length && taken[first]) {
            first++;
        }
        if (first == taken.length) {
            all.add(List.copyOf(so));
            return;
        }
        int left = 0;
        for (boolean t : taken) {
            left += t ? 0 : 1;
        }
        taken[first] = true;
        for (int j = first + 1; j < taken.length; j++) {
            if (taken[j]) {
                continue;
            }
            taken[j] = true;
            if (trioMade || left - 2 >= 3) {
                so.add(new int[] { first, j });
                group(taken, trioMade, so, all);
                so.remove(so.size() - 1);
            }
            if (!trioMade) {
                for (int k = j + 1; k < taken.length; k++) {
                    if (!taken[k]) {
                        taken[k] = true;
                        so.add(new int[] { first, j, k });
                        group(taken, true, so, all);
                        so.remove(so.size() - 1);
                        taken[k] = false;
                    }
                }
            }
            taken[j] = false;
        }
        taken[first] = false;
    }
}
