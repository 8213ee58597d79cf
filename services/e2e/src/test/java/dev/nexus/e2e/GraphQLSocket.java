package dev.nexus.e2e;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A graphql-transport-ws client for tests: connection_init with a token, subscribe, read messages. */
final class GraphQLSocket implements WebSocket.Listener, AutoCloseable {

    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code ws://<gateway>/graphql} and is acknowledged with {@code token} in connection_init. */
    static GraphQLSocket open(String gateway, String token) throws Exception {
        GraphQLSocket client = new GraphQLSocket();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(gateway.replaceFirst("^http", "ws") + "/graphql"), client)
                .get(10, TimeUnit.SECONDS);
        client.send(new JsonObject().put("type", "connection_init")
                .put("payload", new JsonObject().put("Authorization", "Bearer " + token)));
        JsonObject ack = client.next();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new IllegalStateException("not acknowledged: " + ack);
        }
        return client;
    }

    void subscribe(String id, String query) {
        send(new JsonObject().put("id", id).put("type", "subscribe").put("payload", new JsonObject().put("query", query)));
    }

    /** The data of the next {@code next} message of subscription {@code id}, skipping pings; at most 30 s. */
    JsonObject nextData(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no data for subscription " + id + " within 30 s");
            }
            JsonObject message = next();
            if ("next".equals(message.getString("type")) && id.equals(message.getString("id"))) {
                JsonObject payload = message.getJsonObject("payload");
                if (payload.containsKey("errors")) {
                    throw new IllegalStateException("subscription failed: " + payload);
                }
                return payload.getJsonObject("data");
            }
            if ("error".equals(message.getString("type"))) {
                throw new IllegalStateException("subscription failed: " + message);
            }
        }
    }

    /** The next message, waiting at most 15 s. */
    JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(15, TimeUnit.SECONDS);
        if (message == null) {
            throw new IllegalStateException("nothing received within 15 s");
        }
        return message;
    }

    private void send(JsonObject message) {
        socket.sendText(message.encode(), true).join();
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
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
