package dev.nexus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of a real server, for tests of an outage: {@link #cut}
 * drops every connection and refuses new ones, as a restarting server does, {@link #restore} lets
 * connections through again. The server itself is never touched.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    /** While set, bytes are held back in both directions (a server that stopped answering). */
    private boolean stalled;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "tcp-proxy-" + port());
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy to the server of a URL such as {@code redis://localhost:6379}. */
    public static TcpProxy to(String url) {
        URI uri = URI.create(url);
        try {
            return new TcpProxy(uri.getHost(), uri.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every connection; new ones are closed at once until {@link #restore}. */
    public void cut() {
        up = false;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Keeps every connection open but passes no bytes until {@link #restore}: a server that hangs. */
    public synchronized void stall() {
        stalled = true;
    }

    public void restore() {
        up = true;
        resume();
    }

    private synchronized void resume() {
        stalled = false;
        notifyAll();
    }

    private synchronized void awaitFlow() throws InterruptedException {
        while (stalled) {
            wait();
        }
    }

    @Override
    public void close() {
        resume(); // no pump stays waiting on a proxy that is gone
        cut();
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!up) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client); // the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    awaitFlow();
                    out.write(buffer, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
