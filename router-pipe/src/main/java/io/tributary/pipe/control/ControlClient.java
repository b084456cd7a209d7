package io.tributary.pipe.control;

import io.tributary.worker.errors.MediasoupError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls another node's control API: every request signed, bounded by a timeout, run on this client's
 * own event loop (never a media worker's), and a refusal turned back into mediasoup's error.
 */
public final class ControlClient {

    private final Context context;
    private final HttpClientAgent http;
    private final RequestSigner signer;
    private final long timeoutMs;

    private ControlClient(Context context, HttpClientAgent http, RequestSigner signer, long timeoutMs) {
        this.context = context;
        this.http = http;
        this.signer = signer;
        this.timeoutMs = timeoutMs;
    }

    /** A client on {@code context} (its event loop does the HTTP work); each call gives up after {@code timeoutMs}. */
    public static ControlClient create(Vertx vertx, Context context, RequestSigner signer, long timeoutMs) {
        HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) timeoutMs).setIdleTimeout((int) timeoutMs)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
        return new ControlClient(context, http, signer, timeoutMs);
    }

    public Future<NodeIdentity> ping(RemoteNode node) {
        return call(node, HttpMethod.GET, ControlPaths.PING, null, NodeIdentity.class);
    }

    public Future<TransportCreated> createTransport(RemoteNode node, CreateTransport request) {
        return call(node, HttpMethod.POST, ControlPaths.TRANSPORTS, request, TransportCreated.class);
    }

    public Future<Void> connect(RemoteNode node, String transportId, PipeEndpoint endpoint) {
        return done(call(node, HttpMethod.POST, ControlPaths.transport(transportId) + "/connect", endpoint, null));
    }

    public Future<Void> closeTransport(RemoteNode node, String transportId) {
        return done(call(node, HttpMethod.DELETE, ControlPaths.transport(transportId), null, null));
    }

    public Future<Void> produce(RemoteNode node, String transportId, PipedProducer producer) {
        return done(call(node, HttpMethod.POST, ControlPaths.transport(transportId) + "/producers", producer, null));
    }

    public Future<Void> pauseProducer(RemoteNode node, String transportId, String producerId) {
        return done(call(node, HttpMethod.POST, ControlPaths.producer(transportId, producerId) + "/pause", null, null));
    }

    public Future<Void> resumeProducer(RemoteNode node, String transportId, String producerId) {
        return done(call(node, HttpMethod.POST, ControlPaths.producer(transportId, producerId) + "/resume", null, null));
    }

    public Future<Void> closeProducer(RemoteNode node, String transportId, String producerId) {
        return done(call(node, HttpMethod.DELETE, ControlPaths.producer(transportId, producerId), null, null));
    }

    /** Tells the origin its pipe consumer of {@code producerId} must close (the piped producer here closed). */
    public Future<Void> closeConsumer(RemoteNode node, String transportId, String producerId) {
        return done(call(node, HttpMethod.DELETE, ControlPaths.consumer(transportId, producerId), null, null));
    }

    public Future<Void> produceData(RemoteNode node, String transportId, PipedDataProducer dataProducer) {
        return done(call(node, HttpMethod.POST, ControlPaths.transport(transportId) + "/dataProducers", dataProducer,
                null));
    }

    public Future<Void> closeDataProducer(RemoteNode node, String transportId, String dataProducerId) {
        return done(call(node, HttpMethod.DELETE, ControlPaths.dataProducer(transportId, dataProducerId), null, null));
    }

    /** Tells the origin its pipe DataConsumer of {@code dataProducerId} must close (the piped one here closed). */
    public Future<Void> closeDataConsumer(RemoteNode node, String transportId, String dataProducerId) {
        return done(call(node, HttpMethod.DELETE, ControlPaths.dataConsumer(transportId, dataProducerId), null, null));
    }

    public Future<Void> close() {
        return http.close();
    }

    private static Future<Void> done(Future<Object> call) {
        return call.mapEmpty();
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> call(RemoteNode node, HttpMethod method, String path, Object body, Class<T> replyType) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> send(node, method, path, body, (Class<Object>) replyType)
                .map(reply -> (T) reply).onComplete(promise));
        return promise.future();
    }

    private Future<Object> send(RemoteNode node, HttpMethod method, String path, Object body, Class<Object> replyType) {
        String what = method.name() + " " + path + " on node " + node.nodeId();
        Buffer payload = body == null ? Buffer.buffer() : ControlJson.encode(body);
        RequestSigner.Signature signature = signer.sign(method.name(), URI.create(node.controlUrl()).getRawPath() + path,
                payload);
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(node.controlUrl() + path)
                .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
                .putHeader(RequestSigner.TIMESTAMP_HEADER, signature.timestamp())
                .putHeader(RequestSigner.SIGNATURE_HEADER, signature.signature())
                .putHeader("content-type", "application/json");
        return http.request(options)
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(reply -> {
                    if (response.statusCode() / 100 != 2) {
                        throw ControlErrors.fromReply(what, response.statusCode(), reply);
                    }
                    return replyType == null ? null : ControlJson.decode(reply, replyType);
                }))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(e instanceof MediasoupError ? e : new ControlCallError(what
                        + (e instanceof TimeoutException ? " timed out after " + timeoutMs + " ms" : " failed: " + e), e)));
    }
}
