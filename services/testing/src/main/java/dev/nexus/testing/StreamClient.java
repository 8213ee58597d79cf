package dev.nexus.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the notification WebSocket stream for tests: every text message it receives as JSON,
 * in order.
 */
public final class StreamClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private StreamClient() {
    }

    /** Opens {@code ws://<base>/api/v1/notifications/stream?query}; fails when the upgrade is refused. */
    public static StreamClient open(String httpBase, String query) throws Exception {
        StreamClient client = new StreamClient();
        URI uri = URI.create(httpBase.replaceFirst("^http", "ws").replaceFirst("/$", "")
                + "/api/v1/notifications/stream?" + query);
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, client)
                .get(10, TimeUnit.SECONDS);
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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    /** The close code the server sent, waiting at most 10 s for it. */
    public int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    /** Whether the server closed the stream already. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** The next message, waiting at most 10 s. */
    public JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    /** The next message of a type, skipping others, waiting at most 10 s for each. */
    public JsonObject next(String type) throws InterruptedException {
        JsonObject message = next();
        while (!message.getString("type").equals(type)) {
            message = next();
        }
        return message;
    }

    /** Takes every message that arrived and was not taken yet. */
    public List<JsonObject> drain() {
        List<JsonObject> messages = new ArrayList<>();
        received.drainTo(messages);
        return messages;
    }

    /** Messages that arrived and were not taken yet. */
    public int pending() {
        return received.size();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
