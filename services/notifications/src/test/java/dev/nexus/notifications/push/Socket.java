package dev.nexus.notifications.push;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of the notification stream: every text message it receives, in order. */
final class Socket implements WebSocket.Listener, AutoCloseable {

    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Opens {@code ws://…/api/v1/notifications/stream?query}; fails when the upgrade is refused. */
    static Socket open(URI base, String query) throws Exception {
        Socket client = new Socket();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "api/v1/notifications/stream?" + query);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(new JsonObject(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The next message, waiting at most 10 s. */
    JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    /** Whatever arrived so far and was not taken. */
    int pending() {
        return received.size();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
