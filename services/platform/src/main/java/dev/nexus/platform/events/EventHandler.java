package dev.nexus.platform.events;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies events of some types to a service's own data. Beans implementing it are called by the
 * {@link Inbox} inside the transaction that records the event id, so an effect happens at most once.
 */
public interface EventHandler {

    Set<EventType> types();

    /**
     * Applies the event in the inbox transaction and says what to do once that transaction committed
     * ({@link AfterCommit#NOTHING} when nothing): what the handler stored travels in the returned
     * value, so several handlers of one event never mix up each other's results.
     */
    Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event);

    /**
     * Work that must see the committed transaction: dropping cache entries the event made stale,
     * pushing what it stored. The inbox starts it alongside the ack and does not wait for it; a
     * failure is logged, never retried.
     */
    @FunctionalInterface
    interface AfterCommit {

        AfterCommit NOTHING = () -> Uni.createFrom().voidItem();

        Uni<Void> run();

        /**
         * Applies {@code step} to each of {@code items}, one after the other (one database session runs
         * one statement at a time), and collects what each says to do after the commit; a step that
         * answers null has nothing to do then. For schedulers that handle due rows in one transaction.
         */
        static <T> Uni<List<AfterCommit>> inTurn(List<T> items, Function<T, Uni<AfterCommit>> step) {
            Uni<List<AfterCommit>> chain = Uni.createFrom().item(new ArrayList<>());
            for (T item : items) {
                chain = chain.chain(all -> step.apply(item).map(next -> {
                    if (next != null) {
                        all.add(next);
                    }
                    return all;
                }));
            }
            return chain;
        }

        /** Runs each of {@code all} once the one before it finished, in their order. */
        static Uni<Void> runAll(List<AfterCommit> all) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AfterCommit each : all) {
                chain = chain.chain(each::run);
            }
            return chain;
        }
    }
}
