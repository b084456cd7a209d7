package io.tributary.server.signaling;

import io.tributary.protoo.ConnectionHandler;
import io.tributary.protoo.ConnectionRequest;
import io.tributary.server.room.RoomRegistry;

/**
 * Where a protoo WebSocket enters a node: {@code ?roomId=&peerId=} picks the room (created on first
 * use) and the peer, as the mediasoup-demo server does.
 */
public final class RoomSignaling implements ConnectionHandler {

    private final RoomRegistry rooms;

    public RoomSignaling(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    @Override
    public void onConnection(ConnectionRequest request) {
        String roomId = request.query().get("roomId");
        String peerId = request.query().get("peerId");
        if (roomId == null || roomId.isEmpty() || peerId == null || peerId.isEmpty()) {
            request.reject(400, "Connection request without roomId and/or peerId");
            return;
        }
        rooms.getOrCreate(roomId, consumerReplicas(request.query().get("consumerReplicas")))
                .onSuccess(room -> room.accept(request.accept()))
                .onFailure(e -> request.reject(500, String.valueOf(e.getMessage())));
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
