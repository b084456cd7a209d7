package io.tributary.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protoo.ProtooPeer;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.transport.Transport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A participant of a room, mediasoup-demo style: its signaling channel (null for an HTTP
 * broadcaster), what it told us on {@code join}, and the mediasoup entities it owns.
 */
final class RoomPeer {

    final String id;
    final ProtooPeer protoo;
    final Map<String, Transport> transports = new LinkedHashMap<>();
    final Map<String, Producer> producers = new LinkedHashMap<>();
    final Map<String, Consumer> consumers = new LinkedHashMap<>();
    final Map<String, DataProducer> dataProducers = new LinkedHashMap<>();
    final Map<String, DataConsumer> dataConsumers = new LinkedHashMap<>();
    String displayName;
    JsonNode device;
    JsonNode rtpCapabilities;
    /** Null when the peer wants no DataChannels (no SCTP on its transports, no data consumers). */
    JsonNode sctpCapabilities;
    boolean joined;
    boolean closed;
    /** The room router its transports are on, chosen at its first transport; null for broadcasters and remote peers. */
    RoomRouter router;
    /** The member node a remote peer is on (a room spanning nodes); null for this node's own peers. */
    final String originNode;

    RoomPeer(String id, ProtooPeer protoo) {
        this(id, protoo, null);
    }

    private RoomPeer(String id, ProtooPeer protoo, String originNode) {
        this.id = id;
        this.protoo = protoo;
        this.originNode = originNode;
    }

    /** A peer of another member node: seen here only through its piped producers. */
    static RoomPeer remote(String id, String originNode, String displayName, JsonNode device) {
        RoomPeer peer = new RoomPeer(id, null, originNode);
        peer.displayName = displayName;
        peer.device = device;
        peer.joined = true;
        return peer;
    }

    boolean isRemote() {
        return originNode != null;
    }

    /** Signaled over HTTP or on another node: it consumes nothing here. */
    boolean isBroadcaster() {
        return protoo == null;
    }

    /** The transport the peer consumes on (the demo marks it with appData.consuming). */
    Transport consumingTransport() {
        for (Transport transport : transports.values()) {
            if (Boolean.TRUE.equals(transport.appData().get("consuming"))) {
                return transport;
            }
        }
        return null;
    }
}
