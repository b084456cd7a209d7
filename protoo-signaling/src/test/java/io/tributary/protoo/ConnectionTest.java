package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which upgrades become peers: subprotocol, roomId/peerId, the application's answer, plugging, closing. */
class ConnectionTest {

    private static Vertx vertx;
    private static WebSocketClient sockets;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        sockets = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    private static Future<WebSocket> upgrade(int port, String uri, String... subprotocols) {
        return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)
                .setSubProtocols(List.of(subprotocols)));
    }

    private static UpgradeRejectedException rejected(Future<WebSocket> attempt) {
        return assertInstanceOf(UpgradeRejectedException.class, Await.failure(attempt));
    }

    @Test
    void anUpgradeWithoutSubprotocolProtooGets403() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults())) {
            UpgradeRejectedException none = rejected(upgrade(server.port(), "/?roomId=r&peerId=p"));
            assertEquals(403, none.getStatus());
            assertEquals("invalid/missing Sec-WebSocket-Protocol",
                    none.getHeaders().get("X-WebSocket-Reject-Reason"));
            assertEquals(403, rejected(upgrade(server.port(), "/?roomId=r&peerId=p", "chat")).getStatus());
            assertTrue(server.requests.isEmpty(), "the application never sees them");
        }
    }

    @Test
    void anUpgradeWithoutRoomIdOrPeerIdGets400WhenRequired() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults())) {
            for (String uri : List.of("/", "/?roomId=r", "/?peerId=p", "/?roomId=&peerId=p")) {
                UpgradeRejectedException refused = rejected(upgrade(server.port(), uri, "protoo"));
                assertEquals(400, refused.getStatus(), uri);
                assertEquals("Connection request without roomId and/or peerId",
                        refused.getHeaders().get("X-WebSocket-Reject-Reason"));
            }
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void withoutTheRuleAnyProtooUpgradeReachesTheApplication() {
        ProtooServerOptions options = ProtooServerOptions.defaults().withRequireRoomAndPeerIds(false);
        try (TestServer server = TestServer.start(vertx, options)) {
            WebSocket ws = Await.result(upgrade(server.port(), "/any/path?token=a%20b+c&x=1&x=2", "chat", "protoo"));
            assertEquals("protoo", ws.subProtocol());
            ConnectionRequest request = Await.next(server.requests);
            assertEquals(Map.of("token", "a b c", "x", "1"), request.query());
            assertEquals("/any/path", request.path());
            assertEquals("127.0.0.1", request.remoteAddress().hostAddress());
            assertTrue(request.headers().contains("Sec-WebSocket-Protocol"));
            assertNull(server.nextPeer().id());
        }
    }

    @Test
    void theApplicationMayRejectWithItsOwnStatusAndReason() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(),
                request -> request.reject(401, "bad token " + request.query().get("token")))) {
            UpgradeRejectedException refused = rejected(upgrade(server.port(), "/?roomId=r&peerId=p&token=x",
                    "protoo"));
            assertEquals(401, refused.getStatus());
            assertEquals("bad token x", refused.getHeaders().get("X-WebSocket-Reject-Reason"));
            assertEquals("bad token x", refused.getBody().toString());
            ConnectionRequest answered = Await.next(server.requests);
            assertThrows(IllegalStateException.class, answered::accept);
        }
    }

    @Test
    void theApplicationMayAnswerLaterFromAnotherThread() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), request -> {
        })) {
            CompletableFuture<String> first = new CompletableFuture<>();
            // The handler is in place before the upgrade can complete, so no message slips by.
            Future<WebSocket> attempt = upgrade(server.port(), "/?roomId=r&peerId=late", "protoo")
                    .onSuccess(ws -> ws.textMessageHandler(first::complete));
            ProtooPeer peer = Await.next(server.requests).accept();
            peer.notify("welcome", Json.of("queued", true));
            Await.result(attempt);
            assertEquals("{\"notification\":true,\"method\":\"welcome\",\"data\":{\"queued\":true}}",
                    Await.result(first));
            assertEquals("late", peer.id());
        }
    }

    @Test
    void aThrowingConnectionHandlerRejectsWith500() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), request -> {
            throw new IllegalStateException("no room");
        })) {
            UpgradeRejectedException refused = rejected(upgrade(server.port(), "/?roomId=r&peerId=p", "protoo"));
            assertEquals(500, refused.getStatus());
            assertEquals("no room", refused.getHeaders().get("X-WebSocket-Reject-Reason"));
        }
    }

    @Test
    void plainRequestsAndOtherPathsGoToTheNextHandler() {
        ProtooWebSocketServer protoo = ProtooWebSocketServer.create(vertx, ProtooServerOptions.defaults(),
                request -> request.accept());
        HttpServer http = Await.result(vertx.createHttpServer(ProtooServerOptions.defaults()
                        .applyTo(new HttpServerOptions()))
                .requestHandler(protoo.requestHandler("/protoo"::equals,
                        request -> request.response().setStatusCode(404).end("next " + request.path())))
                .listen(0, "127.0.0.1"));
        HttpClient httpClient = vertx.createHttpClient();
        try {
            String plain = Await.result(httpClient.request(HttpMethod.GET, http.actualPort(), "127.0.0.1", "/protoo")
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(body -> response.statusCode() + " " + body)));
            assertEquals("404 next /protoo", plain);
            assertEquals(404, rejected(upgrade(http.actualPort(), "/other?roomId=r&peerId=p", "protoo")).getStatus());
            assertEquals("protoo", Await.result(upgrade(http.actualPort(), "/protoo?roomId=r&peerId=p", "protoo"))
                    .subProtocol());
        } finally {
            protoo.close();
            Await.result(httpClient.close());
            Await.result(http.close());
        }
    }

    @Test
    void theHandshakeHandlerPlugsProtooIntoEveryWebSocketOfAServer() {
        ProtooServerOptions options = ProtooServerOptions.defaults();
        CompletableFuture<ProtooPeer> peer = new CompletableFuture<>();
        ProtooWebSocketServer protoo = ProtooWebSocketServer.create(vertx, options, request -> {
            ProtooPeer accepted = request.accept();
            accepted.onRequest(r -> r.accept(r.data()));
            peer.complete(accepted);
        });
        HttpServer http = Await.result(vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
                .webSocketHandshakeHandler(protoo.webSocketHandshakeHandler())
                .listen(0, "127.0.0.1"));
        try {
            assertEquals(403, rejected(upgrade(http.actualPort(), "/?roomId=r&peerId=p")).getStatus());
            assertEquals(400, rejected(upgrade(http.actualPort(), "/?roomId=r", "protoo")).getStatus());
            ProtooClient client = ProtooClient.connect(vertx, "ws://127.0.0.1:" + http.actualPort()
                    + "/?roomId=r&peerId=p", ProtooClientOptions.defaults());
            Await.result(client.opened());
            assertEquals(Json.of("via", "handshake"), Await.result(client.request("echo", Json.of("via", "handshake"))));
            assertEquals("p", Await.result(peer).id());
            client.close();
        } finally {
            protoo.close();
            Await.result(http.close());
        }
    }

    @Test
    void closingTheServerClosesEveryPeerWith4000AndRefusesNewOnes() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults())) {
            ProtooClient alice = ProtooClient.connect(vertx, server.url("r", "alice"), ProtooClientOptions.defaults());
            ProtooClient bob = ProtooClient.connect(vertx, server.url("r", "bob"), ProtooClientOptions.defaults());
            CompletableFuture<Void> aliceClosed = new CompletableFuture<>();
            CompletableFuture<Void> bobClosed = new CompletableFuture<>();
            alice.onClose(() -> aliceClosed.complete(null));
            bob.onClose(() -> bobClosed.complete(null));
            Await.result(alice.opened());
            Await.result(bob.opened());
            ProtooPeer first = server.nextPeer();
            ProtooPeer second = server.nextPeer();

            server.protoo.close();

            Await.result(aliceClosed);
            Await.result(bobClosed);
            assertTrue(first.closed() && second.closed());
            assertEquals(503, rejected(upgrade(server.port(), "/?roomId=r&peerId=carol", "protoo")).getStatus());
        }
    }
}
