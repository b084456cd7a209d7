package io.tributary.dispatcher.front;

import io.tributary.protoo.server.RequestUpgrade;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sorts requests for proxy mode: WebSocket upgrades get protoo-server's checks (subprotocol {@code protoo}: 403,
 * roomId and peerId: 400), so a bad client hears the same answer as from a node, and then go to the proxy.
 */
final class ProxyUpgrades {

    private final ProtooProxy proxy;

    ProxyUpgrades(ProtooProxy proxy) {
        this.proxy = proxy;
    }

    Handler<HttpServerRequest> requestHandler(Handler<HttpServerRequest> next) {
        return request -> {
            if (!RequestUpgrade.isUpgrade(request)) {
                next.handle(request);
            } else if (!offersProtoo(request)) {
                UpgradeAnswers.refuse(request, 403, "invalid/missing Sec-WebSocket-Protocol");
            } else if (empty(request.getParam("roomId")) || empty(request.getParam("peerId"))) {
                UpgradeAnswers.refuse(request, 400, "Connection request without roomId and/or peerId");
            } else {
                proxy.handle(request);
            }
        };
    }

    private static boolean offersProtoo(HttpServerRequest request) {
        for (String value : request.headers().getAll("Sec-WebSocket-Protocol")) {
            for (String offered : value.split(",")) {
                if (offered.trim().equals("protoo")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
