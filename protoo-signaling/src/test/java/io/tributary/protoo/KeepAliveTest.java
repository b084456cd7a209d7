package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keep-alive pings: answered peers stay, a peer that never answers is dropped. */
class KeepAliveTest {

    private static final long PING_MS = 250;
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    @Test
    void aClientThatAnswersPingsOutlivesManyIntervals() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults().withPingIntervalMs(PING_MS))) {
            ProtooClient client = ProtooClient.connect(vertx, server.url("r", "p"), ProtooClientOptions.defaults());
            Await.result(client.opened());
            ProtooPeer peer = server.nextPeer();
            peer.onRequest(request -> vertx.setTimer(4 * PING_MS, t -> request.accept()));
            assertEquals(Json.parse("{}"), Await.result(client.request("slow", null)));
            assertFalse(peer.closed());
            client.close();
        }
    }

    @Test
    void aPeerThatNeverAnswersAPingIsDropped() {
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults().withPingIntervalMs(PING_MS))) {
            NetSocket socket = Await.result(vertx.createNetClient().connect(server.port(), "127.0.0.1"));
            Buffer received = Buffer.buffer();
            CompletableFuture<Void> pinged = new CompletableFuture<>();
            CompletableFuture<Integer> closeFrameCode = new CompletableFuture<>();
            socket.handler(data -> {
                received.appendBuffer(data);
                scan(received, pinged, closeFrameCode);
            });
            // A hand-written handshake: Vert.x clients answer pings by themselves, this socket never does.
            socket.write("GET /?roomId=r&peerId=mute HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: protoo\r\n\r\n");
            ProtooPeer peer = server.nextPeer();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            peer.onClose(() -> closed.complete(null));

            Await.result(pinged);
            Await.result(closed);
            assertTrue(peer.closed());
            assertEquals(1001, Await.result(closeFrameCode));
            socket.close();
        }
    }

    /** Looks past the HTTP response for a ping frame, then a close frame (server frames are unmasked). */
    private static void scan(Buffer received, CompletableFuture<Void> pinged, CompletableFuture<Integer> closeCode) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n");
        if (start < 0) {
            return;
        }
        assertTrue(text.startsWith("HTTP/1.1 101"), text);
        int at = start + 4;
        while (at + 2 <= received.length()) {
            int opcode = received.getByte(at) & 0x0f;
            int length = received.getByte(at + 1) & 0x7f;
            if (at + 2 + length > received.length()) {
                return;
            }
            if (opcode == 0x9) {
                pinged.complete(null);
            } else if (opcode == 0x8 && length >= 2) {
                closeCode.complete(received.getUnsignedShort(at + 2));
            }
            at += 2 + length;
        }
    }
}
