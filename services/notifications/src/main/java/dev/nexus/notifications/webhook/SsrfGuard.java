package dev.nexus.notifications.webhook;

import dev.nexus.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a webhook URL may point at, so that Nexus cannot be made to call into its own network:
 * https only, a host on the allow-list (or a subdomain of one), and every address the host
 * resolves to public: no loopback, private, link-local (169.254.0.0/16, cloud metadata),
 * unique-local, multicast or unspecified address. Redirects are never followed (see
 * {@link WebhookSender}). Checked when a webhook is registered and again before every delivery.
 */
@ApplicationScoped
public class SsrfGuard {

    private final List<String> allowedHosts;
    private final boolean requireHttps;
    private final boolean allowPrivate;

    public SsrfGuard(
            @ConfigProperty(name = "nexus.webhooks.allowed-hosts",
                    defaultValue = "discord.com,discordapp.com,hooks.slack.com") List<String> allowedHosts,
            @ConfigProperty(name = "nexus.webhooks.require-https", defaultValue = "true") boolean requireHttps,
            @ConfigProperty(name = "nexus.webhooks.allow-private-addresses", defaultValue = "false")
            boolean allowPrivate) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
    }

    /**
     * {@link #check} on a worker thread (it resolves the host, which blocks), answering on the
     * caller's Vert.x context.
     */
    public Uni<URI> verify(String url) {
        Context context = Vertx.currentContext();
        Uni<URI> checked = Uni.createFrom().item(() -> check(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? checked : checked.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The URL, checked; a 400 naming {@code url} with the reason otherwise. Blocks to resolve the host. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (requireHttps || !scheme.equals("http"))) {
            throw refused("must be an https URL");
        }
        if (uri.getUserInfo() != null) {
            throw refused("must not carry credentials");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.stream().noneMatch(a -> host.equals(a) || host.endsWith("." + a))) {
            throw refused("must be on an allowed host (" + String.join(", ", allowedHosts) + ")");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) {
                throw refused("resolves to a private, loopback or link-local address (" + address.getHostAddress()
                        + ")");
            }
        }
        return uri;
    }

    static boolean isPublic(InetAddress a) {
        boolean uniqueLocal = a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
        return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocal);
    }

    private static ProblemException refused(String why) {
        return ProblemException.invalidField("url", why);
    }
}
