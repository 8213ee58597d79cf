package dev.nexus.sessions.pairing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Proposes the pairs of a pair session (issue 17): every member going is in exactly one pair, or in
 * the one trio when their number is odd (alone only when they are one). A pair scores for a shared
 * language, for levels close together and for hours both are usually free, and loses far more for
 * having been a pair at the previous occurrence than anything else can give, so no pair repeats when
 * another grouping avoids it. Up to {@value #EXACT_UP_TO} members the best grouping is found exactly
 * (dynamic programming over who is grouped); above, greedily and then improved by swapping partners
 * between two pairs until no swap helps. Pure: no clock, no randomness, the same answer for the same
 * input.
 */
public final class Pairing {

    /**
     * A member going, with their profile: languages (lower case), level 1 (new) to 5 (expert), and
     * the hours of the week they are usually free, in UTC (0 = Monday 00:00 UTC … 167).
     */
    public record Member(UUID id, Set<String> languages, int level, Set<Integer> freeHours) {
    }

    /** The most members grouped exactly: 2^16 states (with the trio flag, 2^17). */
    static final int EXACT_UP_TO = 16;
    static final int REPEATED = -1_000;
    static final int SHARED_LANGUAGE = 100;
    static final int PER_MORE_LANGUAGE = 10;
    static final int PER_LEVEL_APART = -8;
    static final int MOST_FREE_HOURS_COUNTED = 20;

    private Pairing() {
    }

    /** The groups, each in the order of {@code going}, ordered by their first member's place in it. */
    public static List<List<UUID>> propose(List<Member> going, Set<Set<UUID>> previousPairs) {
        int n = going.size();
        if (n <= 1) {
            return going.stream().map(m -> List.of(m.id())).toList();
        }
        int[][] score = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                score[i][j] = score[j][i] = score(going.get(i), going.get(j), previousPairs);
            }
        }
        List<int[]> groups = n <= EXACT_UP_TO ? new Exact(score).groups() : improved(greedy(score), score);
        List<List<UUID>> proposed = new ArrayList<>();
        groups.stream().map(Pairing::ascending).sorted(Comparator.comparingInt(g -> g[0]))
                .forEach(g -> proposed.add(Arrays.stream(g).mapToObj(i -> going.get(i).id()).toList()));
        return proposed;
    }

    private static int[] ascending(int[] group) {
        int[] sorted = group.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** How good a pair is; see the class comment. */
    static int score(Member a, Member b, Set<Set<UUID>> previousPairs) {
        Set<String> shared = new HashSet<>(a.languages());
        shared.retainAll(b.languages());
        Set<Integer> free = new HashSet<>(a.freeHours());
        free.retainAll(b.freeHours());
        return (previousPairs.contains(Set.of(a.id(), b.id())) ? REPEATED : 0)
                + (shared.isEmpty() ? 0 : SHARED_LANGUAGE + PER_MORE_LANGUAGE * Math.min(shared.size() - 1, 3))
                + PER_LEVEL_APART * Math.abs(a.level() - b.level())
                + Math.min(free.size(), MOST_FREE_HOURS_COUNTED);
    }

    /** A group's score: its pair's, or the sum of a trio's three pairs. */
    static int groupScore(int[] group, int[][] score) {
        int total = 0;
        for (int i = 0; i < group.length; i++) {
            for (int j = i + 1; j < group.length; j++) {
                total += score[group[i]][group[j]];
            }
        }
        return total;
    }

    /**
     * The best grouping: best(grouped, trioUsed) takes the first member not grouped yet and tries
     * each partner (and, while the number is odd and no trio was made, each two partners).
     */
    private static final class Exact {
        private final int[][] score;
        private final int n;
        private final int all;
        private final int[] best;
        private final boolean[] known;
        private final int[][] choice;

        Exact(int[][] score) {
            this.score = score;
            this.n = score.length;
            this.all = (1 << n) - 1;
            this.best = new int[2 << n];
            this.known = new boolean[2 << n];
            this.choice = new int[2 << n][];
        }

        List<int[]> groups() {
            int trio = n % 2 == 1 ? 0 : 1; // 1: no trio to make
            best(0, trio);
            List<int[]> groups = new ArrayList<>();
            for (int mask = 0; mask != all; ) {
                int[] group = choice[state(mask, trio)];
                groups.add(group);
                for (int member : group) {
                    mask |= 1 << member;
                }
                trio |= group.length == 3 ? 1 : 0;
            }
            return groups;
        }

        private int state(int mask, int trio) {
            return mask << 1 | trio;
        }

        private int best(int mask, int trio) {
            if (mask == all) {
                return 0;
            }
            int state = state(mask, trio);
            if (known[state]) {
                return best[state];
            }
            int first = Integer.numberOfTrailingZeros(~mask);
            int top = Integer.MIN_VALUE;
            int[] chosen = null;
            int left = n - Integer.bitCount(mask);
            for (int j = first + 1; j < n; j++) {
                if ((mask & 1 << j) != 0) {
                    continue;
                }
                int withJ = mask | 1 << first | 1 << j;
                // a pair, unless the trio still to be made would then lack members
                if (trio == 1 || left - 2 >= 3) {
                    int total = score[first][j] + best(withJ, trio);
                    if (total > top) {
                        top = total;
                        chosen = new int[] { first, j };
                    }
                }
                if (trio == 0) {
                    for (int k = j + 1; k < n; k++) {
                        if ((mask & 1 << k) == 0) {
                            int total = score[first][j] + score[first][k] + score[j][k] + best(withJ | 1 << k, 1);
                            if (total > top) {
                                top = total;
                                chosen = new int[] { first, j, k };
                            }
                        }
                    }
                }
            }
            known[state] = true;
            best[state] = top;
            choice[state] = chosen;
            return top;
        }
    }

    /** Pairs of the best-scoring pairs first; with an odd number, the last one joins the pair it suits best. */
    static List<int[]> greedy(int[][] score) {
        int n = score.length;
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                candidates.add(new int[] { i, j });
            }
        }
        candidates.sort(Comparator.comparingInt((int[] p) -> -score[p[0]][p[1]]).thenComparingInt(p -> p[0])
                .thenComparingInt(p -> p[1]));
        boolean[] taken = new boolean[n];
        List<int[]> groups = new ArrayList<>();
        for (int[] pair : candidates) {
            if (!taken[pair[0]] && !taken[pair[1]]) {
                taken[pair[0]] = taken[pair[1]] = true;
                groups.add(pair);
            }
        }
        for (int last = 0; last < n; last++) {
            if (!taken[last]) {
                int into = 0;
                for (int g = 1; g < groups.size(); g++) {
                    if (joining(groups.get(g), last, score) > joining(groups.get(into), last, score)) {
                        into = g;
                    }
                }
                int[] pair = groups.get(into);
                groups.set(into, new int[] { pair[0], pair[1], last });
            }
        }
        return groups;
    }

    private static int joining(int[] pair, int member, int[][] score) {
        return score[pair[0]][member] + score[pair[1]][member];
    }

    /** Swaps a member of one group with a member of another while that raises the total. */
    static List<int[]> improved(List<int[]> groups, int[][] score) {
        boolean better = true;
        while (better) {
            better = false;
            for (int g = 0; g < groups.size(); g++) {
                for (int h = g + 1; h < groups.size(); h++) {
                    int[] a = groups.get(g);
                    int[] b = groups.get(h);
                    int before = groupScore(a, score) + groupScore(b, score);
                    for (int x = 0; x < a.length && !better; x++) {
                        for (int y = 0; y < b.length && !better; y++) {
                            int[] a2 = a.clone();
                            int[] b2 = b.clone();
                            a2[x] = b[y];
                            b2[y] = a[x];
                            if (groupScore(a2, score) + groupScore(b2, score) > before) {
                                groups.set(g, a2);
                                groups.set(h, b2);
                                better = true;
                            }
                        }
                    }
                }
            }
        }
        return groups;
    }
}
