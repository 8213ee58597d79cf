package dev.nexus.identity.account;

import dev.nexus.contracts.Events.UserRegistered;
import dev.nexus.contracts.Events.UserUpdated;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Accounts: creation, look-up and profile changes, each change announced through the outbox. */
@ApplicationScoped
public class AccountService {

    private final Outbox outbox;

    public AccountService(Outbox outbox) {
        this.outbox = outbox;
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Creates an account from an already hashed password; 409 when the e-mail is taken. */
    @WithTransaction
    public Uni<Account> register(String email, String passwordHash, String displayName, String timeZone) {
        String normalized = normalizeEmail(email);
        return Account.count("email", normalized).chain(taken -> {
            if (taken > 0) {
                return Uni.createFrom().failure(emailTaken());
            }
            Account account = new Account();
            account.id = UUID.randomUUID();
            account.email = normalized;
            account.passwordHash = passwordHash;
            account.displayName = displayName.trim();
            account.timeZone = timeZone;
            account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return account.<Account>persist()
                    .call(a -> outbox.publish(new UserRegistered(a.id, a.displayName, a.timeZone, a.email)));
        });
    }

    @WithSession
    public Uni<Optional<Account>> findByEmail(String email) {
        return Account.<Account>find("email", normalizeEmail(email)).firstResult().map(Optional::ofNullable);
    }

    @WithSession
    public Uni<Account> get(UUID id) {
        return Account.<Account>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("This account no longer exists."));
    }

    @WithTransaction
    public Uni<Account> update(UUID id, UpdateProfileRequest request) {
        return get(id).call(account -> {
            String displayName = request.displayName() == null ? account.displayName : request.displayName().trim();
            String timeZone = request.timeZone() == null ? account.timeZone : request.timeZone();
            if (displayName.equals(account.displayName) && Objects.equals(timeZone, account.timeZone)) {
                return Uni.createFrom().voidItem();
            }
            account.displayName = displayName;
            account.timeZone = timeZone;
            return outbox.publish(new UserUpdated(account.id, displayName, timeZone, account.email));
        });
    }

    public static ProblemException emailTaken() {
        return ProblemException.conflict("An account with this e-mail address already exists.");
    }
}
