package dev.nexus.notifications.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution for webhook hosts: the system resolver. Blocks. */
@ApplicationScoped
public class Dns {

    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
