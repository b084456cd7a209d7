package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interop with the real npm packages protoo-client 4.0.8 and protoo-server 4.0.8, run by Node. */
class NodeInteropTest {

    private static final long NODE_SECONDS = 20;
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    /** What the Java server answers the Node client; roundTrip requests the client three ways. */
    private static void serveNodeClient(ProtooPeer peer, ProtooRequest request) {
        switch (request.method()) {
            case "echo" -> request.accept(request.data());
            case "fail" -> request.reject(418, "teapot " + request.data().get("why").asText());
            case "roundTrip" -> {
                ObjectNode outcome = Json.MAPPER.createObjectNode();
                peer.request("ask", Json.of("question", 21))
                        .thenAccept(answer -> outcome.set("ask", answer))
                        .thenCompose(v -> peer.request("askReject", null))
                        .handle((v, error) -> outcome.set("askReject", errorJson(error)))
                        .thenCompose(v -> peer.request("askThrow", null))
                        .handle((v, error) -> outcome.set("askThrow", errorJson(error)))
                        .thenRun(() -> request.accept(outcome));
            }
            case "closeMe" -> {
                request.accept();
                peer.close();
            }
            default -> request.reject(500, "unknown request.method \"" + request.method() + "\"");
        }
    }

    private static JsonNode errorJson(Throwable error) {
        ProtooError protoo = assertInstanceOf(ProtooError.class, error.getCause() != null ? error.getCause() : error);
        ObjectNode json = Json.of("code", protoo.code());
        return json.put("message", protoo.reason());
    }

    @Test
    void theNodeProtooClientTalksToTheJavaServer() {
        BlockingQueue<Map.Entry<String, JsonNode>> notifications = new LinkedBlockingQueue<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), connection -> {
            ProtooPeer peer = connection.accept();
            peer.onRequest(request -> serveNodeClient(peer, request));
            peer.onNotification((method, data) -> notifications.add(Map.entry(method, data)));
            peer.onClose(() -> closed.complete(null));
            peer.notify("welcome", Json.of("peerId", peer.id()));
        }); NodeScript node = NodeScript.start("client-interop.js", server.url("interop", "node"))) {
            JsonNode result = Json.parse(node.nextLine(NODE_SECONDS));
            assertFalse(result.has("fatal"), () -> result + "\n" + node.stderr());
            assertEquals(0, node.awaitExit(NODE_SECONDS));

            assertEquals(Json.parse("{\"hello\":\"java\",\"n\":[1,2]}"), result.get("echo"));
            assertEquals(Json.parse("{}"), result.get("empty"));
            assertEquals(Json.parse("{\"code\":418,\"message\":\"teapot test\"}"), result.get("error"));
            assertEquals(Json.parse("{\"ask\":{\"answer\":42},"
                    + "\"askReject\":{\"code\":409,\"message\":\"nope\"},"
                    + "\"askThrow\":{\"code\":500,\"message\":\"Error: client boom\"}}"), result.get("roundTrip"));
            assertEquals(Json.parse("{}"), result.get("closeMe"));
            assertEquals(Json.parse("[{\"method\":\"welcome\",\"data\":{\"peerId\":\"node\"}}]"),
                    result.get("notifications"));
            assertTrue(result.get("closed").asBoolean(), "closed with 4000, no reconnection");
            assertEquals(Map.entry("clientNotification", Json.of("x", 1)), Await.next(notifications));
            Await.result(closed);
        }
    }

    private static void answerNodeServer(ProtooRequest request) {
        switch (request.method()) {
            case "ask" -> request.accept(Json.of("answer", request.data().get("question").asInt() * 2));
            case "askReject" -> request.reject(409, "nope");
            default -> throw new IllegalStateException("client boom");
        }
    }

    @Test
    void theJavaClientTalksToTheNodeProtooServer() {
        try (NodeScript node = NodeScript.start("server-interop.js")) {
            int port = Integer.parseInt(node.nextLine(NODE_SECONDS).trim());
            BlockingQueue<Map.Entry<String, JsonNode>> notifications = new LinkedBlockingQueue<>();
            List<String> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            ProtooClient client = ProtooClient.connect(vertx, "ws://127.0.0.1:" + port + "/?roomId=interop&peerId=java",
                    ProtooClientOptions.defaults(), setup -> {
                        setup.onNotification((method, data) -> notifications.add(Map.entry(method, data)));
                        setup.onRequest(NodeInteropTest::answerNodeServer);
                        setup.onDisconnected(() -> events.add("disconnected"));
                        setup.onFailed(attempt -> events.add("failed " + attempt));
                        setup.onClose(() -> closed.complete(null));
                    });
            Await.result(client.opened());

            assertEquals(Map.entry("welcome", Json.of("peerId", "java")), Await.next(notifications));
            JsonNode data = Json.parse("{\"hello\":\"node\",\"n\":[1,2.5,null,{\"deep\":true}]}");
            assertEquals(data, Await.result(client.request("echo", data)));
            assertEquals(Json.parse("{}"), Await.result(client.request("echo", null)));
            String large = "L".repeat(500_000);
            assertEquals(large, Await.result(client.request("echo", Json.of("large", large))).get("large").asText());

            ProtooError teapot = assertInstanceOf(ProtooError.class, Await.failure(client.request("fail", null)));
            assertEquals(418, teapot.code());
            assertEquals("teapot", teapot.reason());
            ProtooError thrown = assertInstanceOf(ProtooError.class, Await.failure(client.request("throw", null)));
            assertEquals(500, thrown.code());
            assertEquals("Error: boom", thrown.reason());

            client.notify("hello", Json.of("x", 1));
            assertEquals(Map.entry("echoNotification", Json.parse("{\"method\":\"hello\",\"data\":{\"x\":1}}")),
                    Await.next(notifications));

            assertEquals(Json.parse("{\"ask\":{\"answer\":42},"
                    + "\"askReject\":{\"code\":409,\"message\":\"nope\"},"
                    + "\"askThrow\":{\"code\":500,\"message\":\"client boom\"}}"),
                    Await.result(client.request("roundTrip", null)));

            assertEquals(Json.parse("{}"), Await.result(client.request("closeMe", null)));
            Await.result(closed);
            assertTrue(client.closed());
            assertEquals(List.of(), events, "protoo-server's close is code 4000: no reconnection");
        }
    }
}
