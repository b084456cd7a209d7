package io.tributary.dispatcher.front;

import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.protoo.ConnectionHandler;
import io.tributary.protoo.ConnectionRequest;
import io.tributary.state.RoomKey;
import java.util.Map;

/**
 * Redirect mode, for clients that understand it: the protoo socket is accepted, told the home node's URL in a
 * {@code redirect} notification ({@code {url}}), and closed with 4000. A full cluster refuses the upgrade with 503.
 */
final class RedirectSignaling implements ConnectionHandler {

    private final RoomHomes homes;
    private final JoinerRegion regions;

    RedirectSignaling(RoomHomes homes, JoinerRegion regions) {
        this.homes = homes;
        this.regions = regions;
    }

    @Override
    public void onConnection(ConnectionRequest request) {
        Map<String, String> query = request.query();
        RoomKey room = new RoomKey(query.get("namespace"), query.get("roomId"));
        homes.resolveJoin(room, regions.of(query.get("region"), request.headers(), request.remoteAddress()))
                .onSuccess(node -> ProtooRedirect.send(request.accept(), node.url(), query))
                .onFailure(e -> request.reject(503, String.valueOf(e.getMessage())));
    }
}
