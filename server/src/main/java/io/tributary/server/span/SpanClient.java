package io.tributary.server.span;

import io.tributary.pipe.control.RequestSigner;
import io.tributary.server.http.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Sends span messages to another node's internal API, signed with the cluster secret as router-pipe's calls are. */
final class SpanClient {

    private static final long TIMEOUT_MS = 5000;

    private final HttpClientAgent http;
    private final RequestSigner signer;

    SpanClient(Vertx vertx, RequestSigner signer) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.signer = signer;
    }

    /** POSTs {@code message} to {@code baseUrl}/internal/span/{@code operation}; a non-2xx answer fails. */
    Future<Void> post(String baseUrl, String operation, Object message) {
        String url = baseUrl + SpanApi.MOUNT + "/" + operation;
        Buffer body;
        try {
            body = Buffer.buffer(Json.MAPPER.writeValueAsBytes(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        RequestSigner.Signature signature = signer.sign("POST", URI.create(url).getRawPath(), body);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(TIMEOUT_MS)
                .putHeader(RequestSigner.TIMESTAMP_HEADER, signature.timestamp())
                .putHeader(RequestSigner.SIGNATURE_HEADER, signature.signature())
                .putHeader("content-type", "application/json");
        return http.request(options).compose(request -> request.send(body))
                .compose(response -> response.body().compose(reply -> response.statusCode() / 100 == 2
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException(operation + " on " + baseUrl + ": "
                                + response.statusCode() + " " + reply))))
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    Future<Void> close() {
        return http.close();
    }
}
