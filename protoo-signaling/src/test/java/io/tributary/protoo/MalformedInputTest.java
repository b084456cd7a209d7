package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever a raw WebSocket sends that is not a valid protoo message is ignored, never answered. */
class MalformedInputTest {

    private static final List<String> GARBAGE = List.of(
            "not json", "{", "", "[1,2]", "42", "\"text\"", "null", "true", "{}",
            "{\"request\":true,\"id\":5}",
            "{\"request\":true,\"method\":\"echo\"}",
            "{\"request\":true,\"id\":\"7\",\"method\":\"echo\"}",
            "{\"request\":true,\"id\":8,\"method\":42}",
            "{\"request\":false,\"id\":3,\"method\":\"echo\"}",
            "{\"request\":true,\"id\":3,\"method\":\"echo\"} trailing",
            "{\"notification\":true}",
            "{\"notification\":\"\",\"method\":\"hidden\"}",
            "{\"response\":true,\"id\":999,\"ok\":true,\"data\":{}}",
            "{\"response\":true,\"id\":1000,\"errorCode\":500,\"errorReason\":\"x\"}",
            "{\"response\":true,\"ok\":true}");

    private static Vertx vertx;
    private static WebSocketClient sockets;
    private TestServer server;
    private ProtooPeer peer;
    private WebSocket raw;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Map.Entry<String, JsonNode>> notifications = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        sockets = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void connectRaw() {
        server = TestServer.start(vertx, ProtooServerOptions.defaults());
        raw = Await.result(sockets.connect(protooUpgrade()));
        raw.textMessageHandler(text -> received.add(Json.parse(text)));
        peer = server.nextPeer();
        peer.onRequest(request -> request.accept(request.method().equals("size")
                ? Json.of("length", request.data().get("pad").asText().length()) : request.data()));
        peer.onNotification((method, data) -> notifications.add(Map.entry(method, data)));
    }

    private WebSocketConnectOptions protooUpgrade() {
        return new WebSocketConnectOptions().setAbsoluteURI(server.url("r", "raw")).setSubProtocols(List.of("protoo"));
    }

    @AfterEach
    void close() {
        raw.close();
        server.close();
    }

    /** Sends a valid echo request; its response must be the next thing received, proving nothing else was. */
    private void assertOnlyTheEchoIsAnswered(int id) {
        raw.writeTextMessage("{\"request\":true,\"id\":" + id + ",\"method\":\"echo\",\"data\":{\"v\":" + id + "}}");
        JsonNode response = Await.next(received);
        assertEquals(Json.parse("{\"response\":true,\"id\":" + id + ",\"ok\":true,\"data\":{\"v\":" + id + "}}"),
                response);
        assertTrue(received.isEmpty());
        assertFalse(peer.closed());
    }

    @Test
    void invalidMessagesAreIgnored() {
        GARBAGE.forEach(raw::writeTextMessage);
        assertOnlyTheEchoIsAnswered(1);
        assertTrue(notifications.isEmpty(), "no notification got through: " + notifications);
    }

    @Test
    void binaryMessagesAreIgnored() {
        raw.writeBinaryMessage(Buffer.buffer("{\"request\":true,\"id\":9,\"method\":\"echo\",\"data\":{}}"));
        assertOnlyTheEchoIsAnswered(2);
    }

    @Test
    void aMessageOverTheSizeLimitIsDroppedAndTheNextOneServed() {
        // The client sends 64 KiB frames, as Vert.x and websocket-node clients fragment their messages.
        String pad = "x".repeat(ProtooServerOptions.DEFAULT_MAX_MESSAGE_SIZE);
        raw.writeTextMessage("{\"request\":true,\"id\":3,\"method\":\"size\",\"data\":{\"pad\":\"" + pad + "\"}}");
        assertOnlyTheEchoIsAnswered(4);
        String fits = "y".repeat(ProtooServerOptions.DEFAULT_MAX_MESSAGE_SIZE - 100);
        raw.writeTextMessage("{\"request\":true,\"id\":5,\"method\":\"size\",\"data\":{\"pad\":\"" + fits + "\"}}");
        assertEquals(Json.of("length", fits.length()), Await.next(received).get("data"));
    }

    @Test
    void aSingleFrameOverTheLimitDropsTheSocketAsWebsocketNodeDoes() {
        WebSocket oneFrame = Await.result(vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(2_000_000)).connect(protooUpgrade()));
        ProtooPeer second = server.nextPeer();
        CompletableFuture<Short> closeCode = new CompletableFuture<>();
        oneFrame.closeHandler(v -> closeCode.complete(oneFrame.closeStatusCode()));
        oneFrame.writeTextMessage("z".repeat(ProtooServerOptions.DEFAULT_MAX_MESSAGE_SIZE + 1));
        Short code = Await.result(closeCode);
        assertTrue(code == null || code != 4000, "dropped, not closed by protoo: " + code);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        second.onClose(() -> closed.complete(null));
        Await.result(closed);
        assertOnlyTheEchoIsAnswered(8);
    }

    @Test
    void aThousandGarbageFramesLeaveThePeerUsable() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            switch (random.nextInt(3)) {
                case 0 -> raw.writeTextMessage(GARBAGE.get(random.nextInt(GARBAGE.size())));
                case 1 -> {
                    byte[] noise = new byte[random.nextInt(64)];
                    random.nextBytes(noise);
                    raw.writeBinaryMessage(Buffer.buffer(noise));
                }
                default -> {
                    StringBuilder text = new StringBuilder();
                    for (int c = random.nextInt(64); c > 0; c--) {
                        text.append((char) (' ' + random.nextInt(95)));
                    }
                    raw.writeTextMessage(text.toString());
                }
            }
        }
        assertOnlyTheEchoIsAnswered(6);
        raw.writeTextMessage("{\"notification\":true,\"method\":\"fine\"}");
        assertEquals(Map.entry("fine", Json.parse("{}")), Await.next(notifications));
        assertTrue(notifications.isEmpty());
    }

    @Test
    void aResponseToAnUnknownIdIsDropped() {
        raw.writeTextMessage("{\"response\":true,\"id\":12345,\"ok\":true,\"data\":{}}");
        raw.writeTextMessage("{\"response\":true,\"id\":12345.5,\"ok\":false,\"errorCode\":1}");
        assertOnlyTheEchoIsAnswered(7);
    }

    @Test
    void requestIdsAreEchoedExactlyAndResponsesToTheServerMatchByNumber() {
        raw.writeTextMessage("{\"request\":1,\"id\":7.0,\"method\":\"echo\"}");
        assertEquals(Json.parse("{\"response\":true,\"id\":7.0,\"ok\":true,\"data\":{}}"), Await.next(received));

        var answered = peer.request("ask", Json.of("q", 1));
        JsonNode request = Await.next(received);
        assertTrue(request.get("request").asBoolean());
        long id = request.get("id").asLong();
        assertTrue(id >= 0 && id <= 10_000_000, "protoo ids are 0..10,000,000: " + id);
        assertEquals("ask", request.get("method").asText());
        raw.writeTextMessage("{\"response\":true,\"id\":" + id + ".0,\"ok\":1,\"data\":{\"a\":2}}");
        assertEquals(Json.of("a", 2), Await.result(answered));
    }
}
