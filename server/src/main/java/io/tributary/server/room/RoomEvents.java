package io.tributary.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.producer.Producer;

/**
 * What a room tells the node about its own (local) peers, so a room spanning nodes can tell its other member
 * nodes. Called on the room's context.
 */
public interface RoomEvents {

    /** A local peer joined; {@code info} is its {@code {id, displayName, device}}. */
    void peerJoined(Room room, ObjectNode info);

    void peerLeft(Room room, String peerId);

    /** A local peer (or broadcaster) produced. */
    void produced(Room room, String peerId, Producer producer);

    /** A local peer produced a 'chat' DataProducer. */
    void producedData(Room room, String peerId, DataProducer dataProducer);

    /** Local protoo peers connected or left; {@code localPeers} is how many there are now. */
    void peerCountChanged(Room room, int localPeers);

    /** Nothing to tell: a node alone. */
    RoomEvents NONE = new RoomEvents() {
        @Override
        public void peerJoined(Room room, ObjectNode info) {
        }

        @Override
        public void peerLeft(Room room, String peerId) {
        }

        @Override
        public void produced(Room room, String peerId, Producer producer) {
        }

        @Override
        public void producedData(Room room, String peerId, DataProducer dataProducer) {
        }

        @Override
        public void peerCountChanged(Room room, int localPeers) {
        }
    };
}
