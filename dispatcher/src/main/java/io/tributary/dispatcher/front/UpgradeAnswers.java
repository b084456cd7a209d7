package io.tributary.dispatcher.front;

import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.protoo.server.RequestUpgrade;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Refusals of a WebSocket upgrade, with the reason in the body and in {@code X-WebSocket-Reject-Reason}. */
final class UpgradeAnswers {

    private UpgradeAnswers() {
    }

    /** 503 with {@code Retry-After} when the cluster is full, else {@code status}. */
    static void refuse(HttpServerRequest request, int status, Throwable cause) {
        if (cause instanceof NoCapacityException full) {
            request.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(full.retryAfterSeconds()));
            refuse(request, 503, full.getMessage());
        } else {
            refuse(request, status, String.valueOf(cause.getMessage()));
        }
    }

    static void refuse(HttpServerRequest request, int status, String reason) {
        if (!request.response().ended()) {
            new RequestUpgrade(request).reject(status, reason);
        }
    }
}
