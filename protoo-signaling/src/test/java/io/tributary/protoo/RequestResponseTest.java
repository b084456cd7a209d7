package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java server and Java client: requests both ways, errors, notifications, timeouts, closing. */
class RequestResponseTest {

    private static Vertx vertx;
    private static volatile CompletableFuture<Void> release = new CompletableFuture<>();
    private TestServer server;
    private ProtooClient client;
    private ProtooPeer peer;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @BeforeEach
    void connect() {
        connect(ProtooServerOptions.defaults().requestTimeout(), ProtooClientOptions.defaults().requestTimeout());
    }

    /** Replaces the connection with one whose requests time out as given. */
    private void connect(RequestTimeout serverTimeout, RequestTimeout clientTimeout) {
        if (server != null) {
            disconnect();
        }
        server = TestServer.start(vertx, ProtooServerOptions.defaults().withRequestTimeout(serverTimeout));
        client = ProtooClient.connect(vertx, server.url("room", "alice"),
                ProtooClientOptions.defaults().withRequestTimeout(clientTimeout));
        Await.result(client.opened());
        peer = server.nextPeer();
        peer.onRequest(RequestResponseTest::serve);
    }

    @AfterEach
    void disconnect() {
        client.close();
        server.close();
        server = null;
    }

    /** The server's answers: echo, a protoo error, a thrown exception, a thrown ProtooError, or later. */
    private static void serve(ProtooRequest request) {
        switch (request.method()) {
            case "echo" -> request.accept(request.data());
            case "empty" -> request.accept();
            case "fail" -> request.reject(418, "I'm a teapot");
            case "throw" -> throw new IllegalStateException("boom");
            case "forbid" -> throw new ProtooError(403, "not allowed");
            case "failedFuture" -> CompletableFuture.failedFuture(new IllegalArgumentException("bad value"))
                    .whenComplete((value, error) -> request.reject(error));
            case "later" -> release.thenRun(() -> request.accept(Json.of("late", true)));
            case "never" -> {
            }
            default -> request.reject(500, "unknown request.method \"" + request.method() + "\"");
        }
    }

    @Test
    void aRequestGetsItsResponseData() {
        JsonNode data = Json.parse("{\"text\":\"héllo\",\"n\":[1,2,{\"deep\":null}]}");
        assertEquals(data, Await.result(client.request("echo", data)));
        assertEquals(Json.parse("{}"), Await.result(client.request("echo", null)), "missing data reads as {}");
        assertEquals(Json.parse("{}"), Await.result(client.request("empty", Json.of("x", 1))));
    }

    @Test
    void errorResponsesCarryCodeAndReason() {
        ProtooError error = assertInstanceOf(ProtooError.class, Await.failure(client.request("fail", null)));
        assertEquals(418, error.code());
        assertEquals("I'm a teapot", error.reason());
        ProtooError unknown = assertInstanceOf(ProtooError.class, Await.failure(client.request("nope", null)));
        assertEquals("unknown request.method \"nope\"", unknown.getMessage());
    }

    @Test
    void aThrowingHandlerAnswers500AndThePeerGoesOn() {
        ProtooError thrown = assertInstanceOf(ProtooError.class, Await.failure(client.request("throw", null)));
        assertEquals(500, thrown.code());
        assertEquals("boom", thrown.reason());
        ProtooError forbidden = assertInstanceOf(ProtooError.class, Await.failure(client.request("forbid", null)));
        assertEquals(403, forbidden.code());
        assertEquals("not allowed", forbidden.reason());
        ProtooError wrapped = assertInstanceOf(ProtooError.class,
                Await.failure(client.request("failedFuture", null)));
        assertEquals(500, wrapped.code());
        assertEquals("bad value", wrapped.reason());
        assertEquals(Json.of("still", "here"), Await.result(client.request("echo", Json.of("still", "here"))));
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnResponse() {
        List<CompletableFuture<JsonNode>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(client.request("echo", Json.of("i", i)));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(i, Await.result(responses.get(i)).get("i").asInt());
        }
    }

    @Test
    void notificationsTravelBothWays() {
        BlockingQueue<Map.Entry<String, JsonNode>> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<Map.Entry<String, JsonNode>> atClient = new LinkedBlockingQueue<>();
        peer.onNotification((method, data) -> atServer.add(Map.entry(method, data)));
        client.onNotification((method, data) -> atClient.add(Map.entry(method, data)));

        client.notify("hello", Json.of("from", "client"));
        client.notify("bare", null);
        peer.notify("newPeer", Json.of("id", "bob"));

        assertEquals(Map.entry("hello", Json.of("from", "client")), Await.next(atServer));
        assertEquals(Map.entry("bare", Json.parse("{}")), Await.next(atServer));
        assertEquals(Map.entry("newPeer", Json.of("id", "bob")), Await.next(atClient));
    }

    @Test
    void theServerRequestsTheClient() {
        client.onRequest(request -> {
            if (request.method().equals("newConsumer")) {
                request.accept(Json.of("ok", request.data().get("id").asText()));
            } else {
                request.reject(409, "no " + request.method());
            }
        });
        assertEquals(Json.of("ok", "c1"), Await.result(peer.request("newConsumer", Json.of("id", "c1"))));
        ProtooError error = assertInstanceOf(ProtooError.class, Await.failure(peer.request("other", null)));
        assertEquals(409, error.code());
        assertEquals("no other", error.reason());
    }

    @Test
    void requestsBeforeAnyHandlerGet503() {
        ProtooError error = assertInstanceOf(ProtooError.class, Await.failure(peer.request("early", null)));
        assertEquals(503, error.code());
        assertEquals("no request handler", error.reason());
    }

    @Test
    void unansweredRequestsTimeOutBothWays() {
        connect(RequestTimeout.fixed(200), RequestTimeout.fixed(200));
        client.onRequest(request -> {
        });
        Throwable serverSide = Await.failure(peer.request("ignored", null));
        assertInstanceOf(TimeoutException.class, serverSide);
        assertEquals("request timeout", serverSide.getMessage());
        Throwable clientSide = Await.failure(client.request("never", null));
        assertInstanceOf(TimeoutException.class, clientSide);
        assertEquals("request timeout", clientSide.getMessage());
    }

    @Test
    void aResponseAfterTheTimeoutIsDropped() {
        AtomicInteger sent = new AtomicInteger();
        // Only the first request is short-lived, so the echo that follows cannot time out on a busy machine.
        connect(ProtooServerOptions.defaults().requestTimeout(),
                pending -> sent.getAndIncrement() == 0 ? 200 : RequestTimeout.client().timeoutMs(pending));
        release = new CompletableFuture<>();
        assertInstanceOf(TimeoutException.class, Await.failure(client.request("later", null)));
        release.complete(null);
        // The late response leaves before this echo's and is dropped as matching no pending request.
        assertEquals(Json.of("after", "late"), Await.result(client.request("echo", Json.of("after", "late"))));
    }

    @Test
    void closingThePeerFailsItsPendingRequestsAndClosesTheClientWithoutReconnecting() {
        client.onRequest(request -> {
        });
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        CompletableFuture<Void> clientClosed = new CompletableFuture<>();
        List<String> clientEvents = new CopyOnWriteArrayList<>();
        peer.onClose(() -> serverClosed.complete(null));
        client.onDisconnected(() -> clientEvents.add("disconnected"));
        client.onFailed(attempt -> clientEvents.add("failed"));
        client.onClose(() -> clientClosed.complete(null));
        CompletableFuture<JsonNode> pending = peer.request("pending", null);
        CompletableFuture<JsonNode> clientPending = client.request("never", null);

        peer.close();

        Throwable closed = Await.failure(pending);
        assertInstanceOf(IllegalStateException.class, closed);
        assertEquals("peer closed", closed.getMessage());
        Await.result(serverClosed);
        assertTrue(peer.closed());
        Await.result(clientClosed);
        assertEquals("peer closed", Await.failure(clientPending).getMessage());
        assertTrue(client.closed());
        assertEquals(List.of(), clientEvents, "code 4000: no disconnected, no reconnection attempt");
        assertEquals("peer closed", Await.failure(peer.request("after", null)).getMessage());
        assertEquals("peer closed", Await.failure(client.request("after", null)).getMessage());
        assertEquals(1, server.requests.size());
    }

    @Test
    void theClientClosingClosesThePeer() {
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        peer.onClose(() -> serverClosed.complete(null));
        CompletableFuture<JsonNode> pending = client.request("never", null);
        client.close();
        assertEquals("peer closed", Await.failure(pending).getMessage());
        Await.result(serverClosed);
        CompletableFuture<Void> lateHandler = new CompletableFuture<>();
        peer.onClose(() -> lateHandler.complete(null));
        Await.result(lateHandler);
    }

    @Test
    void callbacksOfAPeerRunOnItsOwnContext() {
        CompletableFuture<Context> handlerContext = new CompletableFuture<>();
        CompletableFuture<Context> responseContext = new CompletableFuture<>();
        CompletableFuture<Context> closeContext = new CompletableFuture<>();
        peer.onRequest(request -> {
            handlerContext.complete(Vertx.currentContext());
            // Attached from the context itself, so before the response can possibly be handled.
            peer.request("x", null).whenComplete((v, e) -> responseContext.complete(Vertx.currentContext()));
            request.accept();
        });
        peer.onClose(() -> closeContext.complete(Vertx.currentContext()));
        Await.result(client.request("where", null));
        Context context = Await.result(handlerContext);
        assertTrue(context.isEventLoopContext());
        assertEquals(context, Await.result(responseContext), "futures complete on the peer's context");
        client.close();
        assertEquals(context, Await.result(closeContext));
    }
}
