package dev.nexus.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a server a test starts later, e.g. a service JVM. They lie below the kernel's
 * ephemeral range: a port the kernel handed out with {@code new ServerSocket(0)} could meanwhile
 * become the local port of any outgoing connection (to PostgreSQL, Redis, RabbitMQ...), and the
 * server started seconds later would fail with "port in use". Below that range only a server binds.
 */
public final class Ports {

    private static final int FIRST = 20_000;
    /** Left free above the highest port handed out, for a test that uses {@code port + 100} too. */
    private static final int MARGIN = 200;
    /** Every port handed out in this JVM: never twice, though its first user may not have bound it yet. */
    private static final Set<Integer> given = new HashSet<>();

    private Ports() {
    }

    /** A port nothing listens on now and that this JVM has not handed out before. */
    public static synchronized int free() {
        int last = ephemeralStart() - MARGIN;
        while (true) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, last);
            if (given.add(port) && isFree(port)) {
                return port;
            }
        }
    }

    /** Whether a server could bind the port now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux); 32768 where that cannot be read. */
    private static int ephemeralStart() {
        try {
            // readString would see one byte: /proc files report a size of 0
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
            int start = Integer.parseInt(range.trim().split("\\s+")[0]);
            return start > FIRST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
