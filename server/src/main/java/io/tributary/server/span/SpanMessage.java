package io.tributary.server.span;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.state.RoomKey;

/** What the member nodes of a room spanning nodes tell each other over the internal API ({@code from}: the sender). */
public final class SpanMessage {

    private SpanMessage() {
    }

    /** The sender now hosts part of the room: answer with its peers and pipe their producers to the sender. */
    public record Hello(RoomKey room, String from, String baseUrl) {
    }

    public record PeerJoined(RoomKey room, String from, String peerId, String displayName, JsonNode device) {
    }

    public record PeerLeft(RoomKey room, String from, String peerId) {
    }

    /** A producer of the sender's peer was piped to this node's router for the room (same id). */
    public record ProducerPiped(RoomKey room, String from, String peerId, String producerId) {
    }

    /** A 'chat' DataProducer of the sender's peer was piped to this node's router for the room (same id). */
    public record DataProducerPiped(RoomKey room, String from, String peerId, String dataProducerId) {
    }
}
