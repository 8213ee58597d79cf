package dev.nexus.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A write and the work that must follow its commit, in one service method. Cache invalidations,
 * pushes and the answer built from the write (say, in the caller's time zone) must see committed
 * data and must not keep the transaction open while Redis or a client is slow; left to the callers
 * of a {@code @WithTransaction} method, that tail is repeated in each of them and forgotten in one.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code write} in a transaction, as {@code @WithTransaction} would, then {@code afterCommit}
     * on its result once it committed, and answers what {@code afterCommit} answers. A failed write
     * rolls back and skips {@code afterCommit}; a failing {@code afterCommit} fails the call, the write
     * staying committed. {@code afterCommit} has no session of the write: a read in it opens its own
     * ({@code @WithSession}). Use it in the outermost service method only: inside a transaction that
     * is already open, the write joins that one and {@code afterCommit} would run before it commits.
     */
    public static <T, R> Uni<R> afterCommit(Supplier<Uni<T>> write,
            Function<? super T, Uni<? extends R>> afterCommit) {
        return Panache.withTransaction(write).chain(afterCommit);
    }
}
