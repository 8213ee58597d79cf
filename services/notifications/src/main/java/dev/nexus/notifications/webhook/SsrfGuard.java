package dev.nexus.notifications.webhook;

import dev.nexus.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a webhook URL may point at, so that Nexus cannot be made to call into its own network:
 * https only, a host on the allow-list (or a subdomain of one) for chat webhooks (any host for a
 * signed CloudEvents endpoint: {@link #checkAnyHost}), and every address the host
 * resolves to public: no loopback, private, shared (100.64.0.0/10), benchmarking, reserved,
 * link-local (169.254.0.0/16, cloud metadata), unique-local, multicast or unspecified address, also
 * not one embedded in an IPv6 address (NAT64, 6to4, Teredo). Checked when a webhook is registered
 * and again before every delivery, which then connects to the address checked here (see
 * {@link WebhookSender}): a DNS answer that changes in between cannot redirect it. Redirects are
 * never followed.
 */
@ApplicationScoped
public class SsrfGuard {

    /** A checked URL and the address to connect to for it. */
    public record Target(URI uri, InetAddress address) {

        public int port() {
            return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        }
    }

    private final Dns dns;
    private final List<String> allowedHosts;
    private final boolean requireHttps;
    private final boolean allowPrivate;

    public SsrfGuard(Dns dns,
            @ConfigProperty(name = "nexus.webhooks.allowed-hosts",
                    defaultValue = "discord.com,discordapp.com,hooks.slack.com") List<String> allowedHosts,
            @ConfigProperty(name = "nexus.webhooks.require-https", defaultValue = "true") boolean requireHttps,
            @ConfigProperty(name = "nexus.webhooks.allow-private-addresses", defaultValue = "false")
            boolean allowPrivate) {
        this.dns = dns;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
    }

    /**
     * {@link #check} on a worker thread (it resolves the host, which blocks), answering on the
     * caller's Vert.x context.
     */
    public Uni<Target> verify(String url, boolean anyHost) {
        Context context = Vertx.currentContext();
        Uni<Target> checked = Uni.createFrom().item(() -> anyHost ? checkAnyHost(url) : check(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? checked : checked.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The URL, checked, with the address to use; a 400 naming {@code url} with the reason otherwise. Blocks to resolve the host. */
    public Target check(String url) {
        return check(url, false);
    }

    /** As {@link #check}, on any host: for an endpoint the organizer runs, which gets signed posts. */
    public Target checkAnyHost(String url) {
        return check(url, true);
    }

    private Target check(String url, boolean anyHost) {
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
        if (host.isEmpty()) {
            throw refused("has no host");
        }
        if (!anyHost && allowedHosts.stream().noneMatch(a -> host.equals(a) || host.endsWith("." + a))) {
            throw refused("must be on an allowed host (" + String.join(", ", allowedHosts) + ")");
        }
        InetAddress[] addresses;
        try {
            addresses = dns.resolve(host);
        } catch (UnknownHostException e) {
            throw refused("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) {
                throw refused("resolves to a private, loopback or link-local address (" + address.getHostAddress()
                        + ")");
            }
        }
        return new Target(uri, addresses[0]);
    }

    /** Whether an address is on the public internet: not in any special-purpose range (RFC 6890 and successors). */
    static boolean isPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return isPublicV4(b);
        }
        int first = b[0] & 0xff;
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || (first & 0xfe) == 0xfc // fc00::/7 unique local
                || (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) // 2001:db8::/32 documentation
                || (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) // 2001::/32 Teredo: hides an IPv4 peer
                || (first == 0x01 && b[1] == 0 && allZero(b, 2, 8))) { // 100::/64 discard
            return false;
        }
        if (allZero(b, 0, 10) && (b[10] & b[11] & 0xff) == 0xff || allZero(b, 0, 12) // ::ffff:a.b.c.d, ::a.b.c.d
                || (first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                        && allZero(b, 4, 12))) { // 64:ff9b::/96 NAT64
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (first == 0x20 && b[1] == 0x02) { // 2002::/16 6to4: the IPv4 address follows
            return isPublicV4(Arrays.copyOfRange(b, 2, 6));
        }
        return true;
    }

    private static boolean isPublicV4(byte[] b) {
        int x = b[0] & 0xff;
        int y = b[1] & 0xff;
        int z = b[2] & 0xff;
        return !(x == 0 || x == 10 || x == 127 || x >= 224 // this network, private, loopback, multicast, 240/4 reserved
                || (x == 100 && y >= 64 && y < 128) // 100.64.0.0/10 shared (carrier-grade NAT)
                || (x == 169 && y == 254) // link-local, cloud metadata
                || (x == 172 && y >= 16 && y < 32) || (x == 192 && y == 168) // private
                || (x == 192 && y == 0 && (z == 0 || z == 2)) // IETF protocol assignments, documentation
                || (x == 192 && y == 88 && z == 99) // 6to4 relay anycast
                || (x == 198 && (y == 18 || y == 19)) // benchmarking
                || (x == 198 && y == 51 && z == 100) || (x == 203 && y == 0 && z == 113)); // documentation
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException refused(String why) {
        return ProblemException.invalidField("url", why);
    }
}
