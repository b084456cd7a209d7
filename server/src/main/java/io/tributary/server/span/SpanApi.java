package io.tributary.server.span;

import io.tributary.pipe.control.RequestSigner;
import io.tributary.pipe.control.SignatureCheck;
import io.tributary.server.http.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/** The span endpoints of the internal API, next to router-pipe's and gated by the same request signatures. */
final class SpanApi {

    static final String MOUNT = "/internal/span";
    private static final System.Logger LOG = System.getLogger(SpanApi.class.getName());
    private static final long BODY_LIMIT = 64 * 1024;

    private SpanApi() {
    }

    static Router router(Vertx vertx, RequestSigner signer, RoomSpans spans) {
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        api.route().handler(new SignatureCheck(signer));
        api.post("/hello").handler(ctx -> handle(ctx, SpanMessage.Hello.class, spans::hello));
        api.post("/peer-joined").handler(ctx -> handle(ctx, SpanMessage.PeerJoined.class, spans::peerJoined));
        api.post("/peer-left").handler(ctx -> handle(ctx, SpanMessage.PeerLeft.class, spans::peerLeft));
        api.post("/producer-piped").handler(ctx -> handle(ctx, SpanMessage.ProducerPiped.class, spans::producerPiped));
        api.post("/data-producer-piped").handler(ctx -> handle(ctx, SpanMessage.DataProducerPiped.class,
                spans::dataProducerPiped));
        return api;
    }

    private static <T> void handle(RoutingContext ctx, Class<T> type, Function<T, Future<Void>> operation) {
        T message;
        try {
            message = Json.MAPPER.readValue(ctx.body().buffer().getBytes(), type);
        } catch (IOException e) {
            ctx.response().setStatusCode(400).end("malformed " + type.getSimpleName() + ": " + e.getMessage());
            return;
        }
        operation.apply(message).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().setStatusCode(204).end();
            } else {
                LOG.log(Level.DEBUG, "span " + ctx.request().path() + " failed: " + ar.cause());
                ctx.response().setStatusCode(404).end(String.valueOf(ar.cause().getMessage()));
            }
        });
    }
}
