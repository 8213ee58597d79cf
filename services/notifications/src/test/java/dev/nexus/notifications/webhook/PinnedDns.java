package dev.nexus.notifications.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A resolver that knows {@value #HOST} (which no real DNS resolves) as loopback, and nothing else
 * beyond the system's: a delivery to it arrives only if the sender connects to the address the guard
 * checked instead of resolving the name again. Enabled by {@link WebhookDeliveryTest}'s profile.
 */
@Alternative
@ApplicationScoped
public class PinnedDns extends Dns {

    static final String HOST = "pinned.nexus.test";

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return host.equals(HOST) ? new InetAddress[] { InetAddress.getLoopbackAddress() } : super.resolve(host);
    }
}
