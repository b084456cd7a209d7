package io.tributary.pipe;

import io.tributary.pipe.control.ControlErrors;
import io.tributary.pipe.control.ControlJson;
import io.tributary.pipe.control.ControlPaths;
import io.tributary.pipe.control.CreateTransport;
import io.tributary.pipe.control.NotFoundError;
import io.tributary.pipe.control.PipeEndpoint;
import io.tributary.pipe.control.PipedDataProducer;
import io.tributary.pipe.control.PipedProducer;
import io.tributary.pipe.control.RequestSigner;
import io.tributary.pipe.control.SignatureCheck;
import io.tributary.pipe.link.NodeLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node-to-node control API as a Vert.x sub-router: every request signed (see {@link RequestSigner}),
 * JSON in and out, errors as {@code {error, message}} with mediasoup's kinds. Handlers never block: each
 * returns the Future of the pipe operation it starts.
 */
final class PipeControlApi {

    private static final System.Logger LOG = System.getLogger(PipeControlApi.class.getName());
    private static final long BODY_LIMIT = 1 << 20;
    private static final Buffer EMPTY_OBJECT = Buffer.buffer("{}");

    private PipeControlApi() {
    }

    static Router router(Vertx vertx, RemotePipes pipes, RequestSigner signer) {
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        api.route().handler(new SignatureCheck(signer));
        api.get(ControlPaths.PING).handler(ctx -> reply(ctx, () -> Future.succeededFuture(pipes.identity())));
        api.post(ControlPaths.TRANSPORTS).handler(ctx -> reply(ctx,
                () -> pipes.accept(ControlJson.decode(ctx.body().buffer(), CreateTransport.class))));
        api.post(ControlPaths.CONNECT).handler(ctx -> onLink(ctx, pipes, link -> {
            PipeEndpoint endpoint = ControlJson.decode(ctx.body().buffer(), PipeEndpoint.class);
            return link.transport().connect(endpoint.ip(), endpoint.port(), endpoint.srtpParameters());
        }));
        api.delete(ControlPaths.TRANSPORT).handler(ctx -> onLink(ctx, pipes, link -> link.close(false)));
        api.post(ControlPaths.PRODUCERS).handler(ctx -> onLink(ctx, pipes,
                link -> link.pipeIn(ControlJson.decode(ctx.body().buffer(), PipedProducer.class))
                        .map(producer -> Map.of("id", producer.id()))));
        api.post(ControlPaths.PAUSE).handler(ctx -> onLink(ctx, pipes, link -> link.pauseIncoming(producerId(ctx))));
        api.post(ControlPaths.RESUME).handler(ctx -> onLink(ctx, pipes, link -> link.resumeIncoming(producerId(ctx))));
        api.delete(ControlPaths.PRODUCER).handler(ctx -> onLink(ctx, pipes, link -> link.closeIncoming(producerId(ctx))));
        api.delete(ControlPaths.CONSUMER).handler(ctx -> onLink(ctx, pipes, link -> link.closeOutgoing(producerId(ctx))));
        api.post(ControlPaths.DATA_PRODUCERS).handler(ctx -> onLink(ctx, pipes,
                link -> link.pipeDataIn(ControlJson.decode(ctx.body().buffer(), PipedDataProducer.class))
                        .map(dataProducer -> Map.of("id", dataProducer.id()))));
        api.delete(ControlPaths.DATA_PRODUCER).handler(ctx -> onLink(ctx, pipes,
                link -> link.closeIncomingData(producerId(ctx))));
        api.delete(ControlPaths.DATA_CONSUMER).handler(ctx -> onLink(ctx, pipes,
                link -> link.closeOutgoingData(producerId(ctx))));
        api.route().handler(ctx -> fail(ctx, new NotFoundError("no control operation " + ctx.request().method() + " "
                + ctx.request().path())));
        return api;
    }

    private static String producerId(RoutingContext ctx) {
        return ctx.pathParam(ControlPaths.PRODUCER_ID);
    }

    private static void onLink(RoutingContext ctx, RemotePipes pipes, Function<NodeLink, Future<?>> operation) {
        reply(ctx, () -> pipes.link(ctx.pathParam(ControlPaths.TRANSPORT_ID)).compose(operation::apply));
    }

    /** Runs {@code operation}; its value (or {@code {}}) is the JSON reply, its failure the error reply. */
    private static void reply(RoutingContext ctx, Supplier<Future<?>> operation) {
        Future<?> result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("content-type", "application/json")
                    .end(ar.result() == null ? EMPTY_OBJECT : ControlJson.encode(ar.result()));
        });
    }

    private static void fail(RoutingContext ctx, Throwable error) {
        int status = ControlErrors.status(error);
        if (status == 500) {
            LOG.log(Level.WARNING, "pipe control " + ctx.request().method() + " " + ctx.request().path() + " failed",
                    error);
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(ControlErrors.body(error));
    }
}
