package io.tributary.pipe.control;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The control API's gate (after the body handler): a request whose signature is missing, wrong, made
 * over another method, path or body, or stale, gets 401 with a JSON reason and goes no further.
 */
public final class SignatureCheck implements Handler<RoutingContext> {

    private final RequestSigner signer;

    public SignatureCheck(RequestSigner signer) {
        this.signer = signer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        signer.verify(request.method().name(), request.path(), request.getHeader(RequestSigner.TIMESTAMP_HEADER),
                        request.getHeader(RequestSigner.SIGNATURE_HEADER), ctx.body().buffer())
                .ifPresentOrElse(reason -> ctx.response().setStatusCode(401)
                        .putHeader("content-type", "application/json")
                        .end(ControlErrors.unauthorized(reason)), ctx::next);
    }
}
