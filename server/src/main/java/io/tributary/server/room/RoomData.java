package io.tributary.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.server.http.Json;
import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.Transport;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's DataChannels in a room: 'chat' DataProducers are consumed by every other peer (those of
 * other member nodes' peers too, piped here), 'bot' ones by this node's bot, and every joiner consumes
 * the bot's DataProducer.
 */
final class RoomData {

    private static final System.Logger LOG = System.getLogger(RoomData.class.getName());

    private final Room room;
    private final RoomBot bot;

    /** A DataProducer of another peer that a joining peer is to consume (null peer: the bot). */
    record DataProducerOf(RoomPeer peer, DataProducer dataProducer) {
    }

    RoomData(Room room, RoomBot bot) {
        this.room = room;
        this.bot = bot;
    }

    /** What a joiner is to consume, decided when it becomes joined: others' non-bot DataProducers, then the bot's. */
    List<DataProducerOf> dataProducersFor(RoomPeer joiner) {
        List<DataProducerOf> list = new ArrayList<>();
        for (RoomPeer other : room.joinedPeers(joiner)) {
            for (DataProducer dataProducer : other.dataProducers.values()) {
                if (!"bot".equals(dataProducer.label())) {
                    list.add(new DataProducerOf(other, dataProducer));
                }
            }
        }
        list.add(new DataProducerOf(null, bot.dataProducer()));
        return list;
    }

    void onJoined(RoomPeer peer, List<DataProducerOf> toConsume) {
        for (DataProducerOf p : toConsume) {
            if (!p.dataProducer().closed()) {
                createDataConsumer(peer, p.peer(), p.dataProducer());
            }
        }
    }

    /**
     * The demo's {@code produceData}: answer with the id, then route by label. A 'bot' channel is
     * wired to the bot before the answer, unlike the demo: a client may send the moment it has the
     * id, and the bot must not miss that first message.
     */
    Future<JsonNode> produceData(RoomPeer peer, Transport transport, JsonNode data) {
        Map<String, Object> appData = new LinkedHashMap<>();
        if (data.hasNonNull("appData") && data.get("appData").isObject()) {
            appData.putAll(Json.MAPPER.convertValue(data.get("appData"), Map.class));
        }
        DataProducerOptions options = DataProducerOptions.of(data.get("sctpStreamParameters"))
                .withLabel(data.path("label").asText(""))
                .withProtocol(data.path("protocol").asText(""))
                .withAppData(appData);
        return room.context().back(transport.produceData(options)).compose(dataProducer -> {
            peer.dataProducers.put(dataProducer.id(), dataProducer);
            dataProducer.onClosed(() -> room.context().run(() -> peer.dataProducers.remove(dataProducer.id())));
            List<RoomPeer> others = room.consumersFor(peer);
            Future<Void> routed = Future.succeededFuture();
            switch (dataProducer.label()) {
                case "chat" -> room.context().later(() -> {
                    others.forEach(other -> createDataConsumer(other, peer, dataProducer));
                    room.onLocalDataProducer(peer, dataProducer);
                });
                // The bot's DirectTransport is on the first router: a DataProducer of another is piped there.
                case "bot" -> routed = room.routers().bring(dataProducer, room.homeOf(peer), room.routers().first())
                        .compose(v -> bot.handlePeerDataProducer(dataProducer, peer, room.context()))
                        .onFailure(e -> LOG.log(Level.WARNING, "the bot cannot hear " + dataProducer.id() + ": " + e))
                        .recover(e -> Future.succeededFuture());
                default -> { } // as the demo: other labels are kept but not routed
            }
            return routed.map(v -> (JsonNode) Room.object().put("id", dataProducer.id()));
        });
    }

    /**
     * A remote peer's 'chat' DataProducer was piped to the room's first router (same id): the local peers
     * consume it as they would a local one. Fails when the peer or the piped DataProducer is unknown here.
     */
    Future<Void> addRemote(RoomPeer peer, String dataProducerId) {
        Router first = room.router();
        return room.context().back(first.worker().loop().call(() -> first.dataProducer(dataProducerId)))
                .map(dataProducer -> {
                    if (peer == null || peer.closed || dataProducer == null || dataProducer.closed()) {
                        throw new MediasoupError("no remote peer or piped DataProducer \"" + dataProducerId + "\"");
                    }
                    if (peer.dataProducers.putIfAbsent(dataProducerId, dataProducer) == null) {
                        dataProducer.onClosed(() -> room.context().run(() -> peer.dataProducers.remove(dataProducerId)));
                        List<RoomPeer> others = room.consumersFor(peer);
                        room.context().later(() -> others.forEach(other -> createDataConsumer(other, peer, dataProducer)));
                    }
                    return null;
                });
    }

    /** The demo's {@code _createDataConsumer}: only for peers that brought SCTP and have a consuming transport. */
    void createDataConsumer(RoomPeer consumerPeer, RoomPeer producerPeer, DataProducer dataProducer) {
        if (consumerPeer.closed || consumerPeer.sctpCapabilities == null) {
            return;
        }
        Transport transport = consumerPeer.consumingTransport();
        if (transport == null) {
            return;
        }
        RoomRouter home = producerPeer == null ? room.routers().first() : room.homeOf(producerPeer);
        room.routers().bring(dataProducer, home, room.homeOf(consumerPeer))
                .compose(v -> room.context().back(transport.consumeData(DataConsumerOptions.of(dataProducer.id()))))
                .onSuccess(consumer -> offer(consumerPeer, producerPeer, dataProducer, consumer))
                .onFailure(e -> LOG.log(Level.WARNING, "consumeData failed for " + consumerPeer.id + ": " + e));
    }

    private void offer(RoomPeer consumerPeer, RoomPeer producerPeer, DataProducer dataProducer, DataConsumer consumer) {
        if (consumerPeer.closed) {
            consumer.close();
            return;
        }
        consumerPeer.dataConsumers.put(consumer.id(), consumer);
        consumer.onClosed(() -> room.context().run(() -> consumerPeer.dataConsumers.remove(consumer.id())));
        consumer.events().on(DataConsumer.DATA_PRODUCER_CLOSE, v -> room.context().run(() ->
                room.notify(consumerPeer, "dataConsumerClosed", Room.object().put("dataConsumerId", consumer.id()))));
        if (consumerPeer.protoo == null) {
            return;
        }
        ObjectNode data = Room.object();
        if (producerPeer == null) {
            data.putNull("peerId");
        } else {
            data.put("peerId", producerPeer.id);
        }
        data.put("dataProducerId", dataProducer.id()).put("id", consumer.id());
        data.set("sctpStreamParameters", Json.MAPPER.valueToTree(consumer.sctpStreamParameters()));
        data.put("label", consumer.label()).put("protocol", consumer.protocol());
        data.set("appData", Json.MAPPER.valueToTree(dataProducer.appData()));
        room.context().back(Future.fromCompletionStage(consumerPeer.protoo.request("newDataConsumer", data)))
                .onFailure(e -> LOG.log(Level.WARNING, "newDataConsumer failed for " + consumerPeer.id + ": " + e));
    }

    Future<JsonNode> dataProducerStats(RoomPeer peer, String dataProducerId) {
        DataProducer dataProducer = peer.dataProducers.get(dataProducerId);
        if (dataProducer == null) {
            throw new MediasoupError("dataProducer with id \"" + dataProducerId + "\" not found");
        }
        return room.context().back(dataProducer.getStats()).map(Json.MAPPER::valueToTree);
    }

    Future<JsonNode> dataConsumerStats(RoomPeer peer, String dataConsumerId) {
        DataConsumer dataConsumer = peer.dataConsumers.get(dataConsumerId);
        if (dataConsumer == null) {
            throw new MediasoupError("dataConsumer with id \"" + dataConsumerId + "\" not found");
        }
        return room.context().back(dataConsumer.getStats()).map(Json.MAPPER::valueToTree);
    }
}
