package io.tributary.server.signaling;

import io.tributary.dispatcher.front.JoinerRegion;
import io.tributary.dispatcher.front.ProtooRedirect;
import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.protoo.ConnectionHandler;
import io.tributary.protoo.ConnectionRequest;
import io.tributary.server.cluster.RoomElsewhereException;
import io.tributary.server.room.RoomGate;
import io.tributary.state.RoomKey;
import java.util.Map;

/**
 * Where a protoo WebSocket enters a node: {@code ?roomId=&peerId=} (and {@code namespace}, default "default") picks
 * the room (created on first use) and the peer, as the mediasoup-demo server does. A room whose home is another node
 * gets a {@code redirect} there; when no node can take a new room the upgrade is refused with 503.
 */
public final class RoomSignaling implements ConnectionHandler {

    private final RoomGate rooms;

    public RoomSignaling(RoomGate rooms) {
        this.rooms = rooms;
    }

    @Override
    public void onConnection(ConnectionRequest request) {
        Map<String, String> query = request.query();
        String roomId = query.get("roomId");
        String peerId = query.get("peerId");
        if (roomId == null || roomId.isEmpty() || peerId == null || peerId.isEmpty()) {
            request.reject(400, "Connection request without roomId and/or peerId");
            return;
        }
        RoomKey key = new RoomKey(query.get("namespace"), roomId);
        rooms.open(key, JoinerRegion.of(query.get("region"), request.headers()), consumerReplicas(query.get("consumerReplicas")))
                .onSuccess(room -> room.accept(request.accept()))
                .onFailure(e -> {
                    if (e instanceof RoomElsewhereException elsewhere) {
                        ProtooRedirect.send(request.accept(), elsewhere.home().url(), query);
                    } else {
                        request.reject(e instanceof NoCapacityException ? 503 : 500, String.valueOf(e.getMessage()));
                    }
                });
    }

    /** As the demo's {@code Number()}: anything not a number is 0. */
    static int consumerReplicas(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
