package dev.nexus.identity.auth;

import dev.nexus.identity.account.Account;
import dev.nexus.identity.account.AccountService;
import dev.nexus.identity.account.AccountView;
import dev.nexus.contracts.Events.UserSignedOut;
import dev.nexus.platform.audit.AuditLog;
import dev.nexus.platform.events.Outbox;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.problem.Problems;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration, login and the refresh-token families. Password hashing (bcrypt) runs on a worker
 * thread before any database work, so it never blocks the event loop nor holds a transaction open.
 */
@ApplicationScoped
public class AuthService {

    static final String WRONG_CREDENTIALS = "The e-mail address or the password is wrong.";
    static final String INVALID_REFRESH = "The refresh token is invalid, expired or already used. Log in again.";

    private final AccountService accounts;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Duration refreshLifetime;
    /** Checked when the e-mail is unknown, so that a wrong address takes as long as a wrong password. */
    private final String decoyHash = BcryptUtil.bcryptHash(TokenIssuer.newRefreshToken());

    public AuthService(AccountService accounts, TokenIssuer issuer, LoginThrottle throttle, Outbox outbox,
            AuditLog audit, Vertx vertx,
            @ConfigProperty(name = "nexus.jwt.refresh-token-lifetime", defaultValue = "30d") Duration refreshLifetime) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.throttle = throttle;
        this.outbox = outbox;
        this.audit = audit;
        this.vertx = vertx;
        this.refreshLifetime = refreshLifetime;
    }

    public Uni<TokenResponse> register(Requests.Register request) {
        String timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        return blocking(() -> BcryptUtil.bcryptHash(request.password()))
                .chain(hash -> Panache.withTransaction(() -> accounts
                        .register(request.email(), hash, request.displayName(), timeZone)
                        .chain(account -> startFamily(account))))
                .onFailure(Problems::isConstraintViolation).transform(e -> AccountService.emailTaken());
    }

    /** {@code address} is the client's (the gateway forwards it); both it and the e-mail are throttled. */
    public Uni<TokenResponse> login(Requests.Login request, String address) {
        return throttle.check(request.email(), address)
                .onFailure().invoke(e -> audit.record("login.throttled", null, Map.of("email", request.email())))
                .chain(() -> accounts.findByEmail(request.email())).chain(found -> {
                    String hash = found.map(a -> a.passwordHash).orElse(decoyHash);
                    return blocking(() -> BcryptUtil.matches(request.password(), hash)).chain(matches -> {
                        if (matches && found.isPresent()) {
                            return Panache.withTransaction(() -> startFamily(found.get()))
                                    .call(() -> throttle.succeeded(request.email()))
                                    .invoke(() -> audit.record("login.succeeded", found.get().id, Map.of()));
                        }
                        audit.record("login.failed", null, Map.of("email", request.email()));
                        return throttle.failed(request.email(), address)
                                .chain(() -> Uni.createFrom().failure(ProblemException.unauthorized(WRONG_CREDENTIALS)));
                    });
                });
    }

    /** Uses up {@code token} and returns the next pair; a second use of a token revokes its family. */
    public Uni<TokenResponse> refresh(String token) {
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", sha256(token)).firstResult()
                        .chain(current -> {
                            Instant now = Instant.now();
                            if (current == null || current.revokedAt != null || current.expiresAt.isBefore(now)) {
                                return Uni.createFrom().nullItem();
                            }
                            if (current.usedAt != null) {
                                return endFamily(current, "refresh-token-reuse", now).replaceWith((TokenResponse) null);
                            }
                            current.usedAt = now;
                            return accounts.get(current.accountId).chain(a -> issue(a, current.familyId, false));
                        }))
                // Two refreshes with one token at the same moment: the loser sees the winner's version.
                .onFailure(Problems::isConcurrentModification).recoverWithNull()
                .onItem().ifNull().failWith(() -> ProblemException.unauthorized(INVALID_REFRESH));
    }

    /** Ends the session the token belongs to (its whole family). Unknown tokens are ignored. */
    public Uni<Void> logout(String token) {
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", sha256(token)).firstResult()
                .chain(current -> current == null ? Uni.createFrom().voidItem()
                        : endFamily(current, "logout", Instant.now())));
    }

    private Uni<TokenResponse> startFamily(Account account) {
        return issue(account, UUID.randomUUID(), true);
    }

    private Uni<TokenResponse> issue(Account account, UUID familyId, boolean withUser) {
        String refresh = TokenIssuer.newRefreshToken();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.familyId = familyId;
        row.accountId = account.id;
        row.tokenHash = sha256(refresh);
        row.expiresAt = Instant.now().plus(refreshLifetime);
        return row.persist().map(ignored -> new TokenResponse(
                withUser ? AccountView.of(account) : null,
                issuer.accessToken(account.id, account.displayName, account.timeZone, familyId),
                "Bearer",
                issuer.accessTokenSeconds(),
                refresh));
    }

    /**
     * Revokes every token of the login {@code token} belongs to and, the first time, announces that the
     * login ended, so that services close what it holds open (live notification streams).
     */
    private Uni<Void> endFamily(RefreshToken token, String reason, Instant now) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, token.familyId)
                .chain(revoked -> revoked == 0 ? Uni.createFrom().voidItem()
                        : outbox.publish(new UserSignedOut(token.accountId, token.familyId, reason)).replaceWithVoid())
                .invoke(() -> audit.record(reason.equals("logout") ? "logout" : "refresh-token.reused", token.accountId,
                        Map.of("session", token.familyId.toString())));
    }

    private <T> Uni<T> blocking(Callable<T> work) {
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
