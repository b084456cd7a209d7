package io.tributary.protoo;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Vert.x HttpServer on 127.0.0.1 carrying protoo through {@link ProtooWebSocketServer#requestHandler}, plain
 * requests answered 200 "http". By default every connection is accepted and its peer queued in {@link #peers}.
 */
final class TestServer implements AutoCloseable {

    final ProtooWebSocketServer protoo;
    final BlockingQueue<ProtooPeer> peers = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionRequest> requests = new LinkedBlockingQueue<>();
    private final HttpServer http;

    private TestServer(Vertx vertx, ProtooServerOptions options, ConnectionHandler handler, int port) {
        ConnectionHandler recording = request -> {
            requests.add(request);
            handler.onConnection(request);
        };
        this.protoo = ProtooWebSocketServer.create(vertx, options, recording);
        Handler<HttpServerRequest> plain = request -> request.response().end("http");
        this.http = Await.result(vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
                .requestHandler(protoo.requestHandler(plain))
                .listen(port, "127.0.0.1"));
    }

    static TestServer start(Vertx vertx, ProtooServerOptions options) {
        return start(vertx, options, null);
    }

    /** {@code handler} null: accept and queue the peer. */
    static TestServer start(Vertx vertx, ProtooServerOptions options, ConnectionHandler handler) {
        TestServer[] self = new TestServer[1];
        ConnectionHandler effective = handler != null ? handler : request -> self[0].peers.add(request.accept());
        self[0] = new TestServer(vertx, options, effective, 0);
        return self[0];
    }

    int port() {
        return http.actualPort();
    }

    String url(String roomId, String peerId) {
        return "ws://127.0.0.1:" + port() + "/?roomId=" + roomId + "&peerId=" + peerId;
    }

    ProtooPeer nextPeer() {
        return Await.next(peers);
    }

    @Override
    public void close() {
        protoo.close();
        Await.result(http.close());
    }
}
