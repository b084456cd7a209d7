package io.tributary.server.room;

import static io.tributary.server.room.Room.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protoo.ProtooRequest;
import io.tributary.server.http.Json;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerLayers;
import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.ice.IceState;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-to-server requests of the mediasoup-demo room protocol, with the demo's answers and
 * error texts. Runs on the room's context; every failure becomes a protoo error response.
 */
final class PeerRequests {

    /** The demo closes a peer whose ICE consent lapses after 20 s. */
    private static final int ICE_CONSENT_TIMEOUT = 20;
    private static final long MAX_INCOMING_BITRATE = 1_500_000;

    private final Room room;

    PeerRequests(Room room) {
        this.room = room;
    }

    void handle(RoomPeer peer, ProtooRequest request) {
        if (peer.closed) {
            request.reject(500, "peer closed");
            return;
        }
        Future<JsonNode> answer;
        try {
            answer = dispatch(peer, request.method(), request.data() == null ? object() : request.data());
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(result -> {
            if (result.succeeded()) {
                request.accept(result.result() == null ? object() : result.result());
            } else {
                request.reject(result.cause());
            }
        });
    }

    private Future<JsonNode> dispatch(RoomPeer peer, String method, JsonNode data) {
        return switch (method) {
            case "getRouterRtpCapabilities" -> done(Json.MAPPER.valueToTree(room.router().rtpCapabilities()));
            case "join" -> join(peer, data);
            case "createWebRtcTransport" -> createWebRtcTransport(peer, data);
            case "connectWebRtcTransport" -> connectWebRtcTransport(peer, data);
            case "restartIce" -> room.context().back(webRtcTransport(peer, text(data, "transportId")).restartIce())
                    .map(Json.MAPPER::valueToTree);
            case "produce" -> produce(peer, data);
            case "closeProducer" -> {
                joined(peer).producer(peer, text(data, "producerId")).close();
                peer.producers.remove(text(data, "producerId"));
                yield done(object());
            }
            case "pauseProducer" -> empty(joined(peer).producer(peer, text(data, "producerId")).pause());
            case "resumeProducer" -> empty(joined(peer).producer(peer, text(data, "producerId")).resume());
            case "pauseConsumer" -> empty(joined(peer).consumer(peer, text(data, "consumerId")).pause());
            case "resumeConsumer" -> empty(joined(peer).consumer(peer, text(data, "consumerId")).resume());
            case "setConsumerPreferredLayers" -> {
                Integer temporal = data.hasNonNull("temporalLayer") ? data.get("temporalLayer").asInt() : null;
                yield empty(joined(peer).consumer(peer, text(data, "consumerId"))
                        .setPreferredLayers(new ConsumerLayers(data.path("spatialLayer").asInt(), temporal)));
            }
            case "setConsumerPriority" -> empty(joined(peer).consumer(peer, text(data, "consumerId"))
                    .setPriority(data.path("priority").numberValue()));
            case "requestConsumerKeyFrame" -> empty(joined(peer).consumer(peer, text(data, "consumerId")).requestKeyFrame());
            case "changeDisplayName" -> joined(peer).changeDisplayName(peer, data);
            case "getTransportStats" -> room.context().back(transport(peer, text(data, "transportId")).getStats())
                    .map(Json.MAPPER::valueToTree);
            case "getProducerStats" -> {
                Producer producer = producer(peer, text(data, "producerId"));
                yield room.context().back(producer.loop().call(() -> producer.getStats(System.currentTimeMillis())))
                        .map(Json.MAPPER::valueToTree);
            }
            case "getConsumerStats" -> {
                Consumer consumer = consumer(peer, text(data, "consumerId"));
                yield room.context().back(room.homeOf(peer).router().worker().loop().call(() ->
                        consumer.getStats(System.currentTimeMillis()))).map(Json.MAPPER::valueToTree);
            }
            case "produceData" -> joined(peer).produceData(peer, data);
            case "getDataProducerStats" -> room.data().dataProducerStats(peer, text(data, "dataProducerId"));
            case "getDataConsumerStats" -> room.data().dataConsumerStats(peer, text(data, "dataConsumerId"));
            default -> Future.failedFuture(new MediasoupError("unknown request.method \"" + method + "\""));
        };
    }

    private Future<JsonNode> join(RoomPeer peer, JsonNode data) {
        if (peer.joined) {
            throw new MediasoupError("Peer already joined");
        }
        JsonNode caps = data.get("rtpCapabilities");
        if (caps != null && !caps.isNull()) {
            Ortc.validateRtpCapabilities(caps);
            peer.rtpCapabilities = caps;
        }
        JsonNode sctp = data.get("sctpCapabilities");
        if (sctp != null && sctp.isObject()) {
            peer.sctpCapabilities = sctp;
        }
        peer.displayName = data.path("displayName").asText(peer.id);
        peer.device = data.hasNonNull("device") ? data.get("device") : object().put("flag", "unknown");
        peer.joined = true;
        List<Room.ProducerOf> toConsume = room.producersFor(peer);
        List<RoomData.DataProducerOf> dataToConsume = room.data().dataProducersFor(peer);
        ObjectNode answer = object();
        var list = answer.putArray("peers");
        for (RoomPeer other : room.joinedPeers(peer)) {
            list.add(Room.peerInfo(other));
        }
        // The demo answers first, then creates the joiner's consumers and tells the others.
        room.context().later(() -> room.onJoined(peer, toConsume, dataToConsume));
        return done(answer);
    }

    private Future<JsonNode> createWebRtcTransport(RoomPeer peer, JsonNode data) {
        boolean forceTcp = data.path("forceTcp").asBoolean(false);
        Map<String, Object> appData = new LinkedHashMap<>();
        appData.put("producing", data.path("producing").asBoolean(false));
        appData.put("consuming", data.path("consuming").asBoolean(false));
        if (peer.router == null) {
            peer.router = room.routers().forNewPeer();
        }
        RoomRouter home = peer.router;
        WebRtcTransportOptions options = WebRtcTransportOptions.withServer(home.webRtcServer())
                .withIceConsentTimeout(ICE_CONSENT_TIMEOUT).withAppData(appData);
        if (forceTcp) {
            options = options.withProtocols(false, true, false, false);
        }
        JsonNode sctpCapabilities = data.get("sctpCapabilities");
        if (sctpCapabilities != null && sctpCapabilities.isObject()) {
            // As the demo: SCTP when the client brought capabilities, with the streams it offers.
            options = options.withSctp(TransportSctpOptions.enabled()
                    .withNumSctpStreams(TransportSctpOptions.parseNumSctpStreams(sctpCapabilities.get("numStreams"))));
        }
        WebRtcTransportOptions chosen = options;
        Future<WebRtcTransport> created = home.ready().compose(router -> router.createWebRtcTransport(chosen));
        return room.context().back(created).map(transport -> {
            if (peer.closed) {
                transport.close();
                throw new MediasoupError("peer closed");
            }
            peer.transports.put(transport.id(), transport);
            transport.onClosed(() -> room.context().run(() -> peer.transports.remove(transport.id())));
            // The demo caps what a browser sends at 1.5 Mbit/s; a failure here is not the client's problem.
            transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
            // As the demo: ICE disconnection or DTLS failure ends the whole peer.
            transport.events().on(WebRtcTransport.ICE_STATE_CHANGE, state -> {
                if (state == IceState.DISCONNECTED || state == IceState.CLOSED) {
                    room.context().run(() -> closePeerSignaling(peer));
                }
            });
            transport.events().on(WebRtcTransport.DTLS_STATE_CHANGE, state -> {
                if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
                    room.context().run(() -> closePeerSignaling(peer));
                }
            });
            ObjectNode answer = object().put("id", transport.id());
            answer.set("iceParameters", Json.MAPPER.valueToTree(transport.iceParameters()));
            answer.set("iceCandidates", Json.MAPPER.valueToTree(transport.iceCandidates()));
            answer.set("dtlsParameters", Json.MAPPER.valueToTree(transport.dtlsParameters()));
            answer.set("sctpParameters", Json.MAPPER.valueToTree(transport.sctpParameters()));
            return answer;
        });
    }

    private void closePeerSignaling(RoomPeer peer) {
        if (!peer.closed && peer.protoo != null) {
            peer.protoo.close();
        }
        room.closePeer(peer);
    }

    private Future<JsonNode> connectWebRtcTransport(RoomPeer peer, JsonNode data) {
        WebRtcTransport transport = webRtcTransport(peer, text(data, "transportId"));
        return empty(transport.connect(Ortc.validateDtlsParameters(data.get("dtlsParameters"))));
    }

    private Future<JsonNode> produce(RoomPeer peer, JsonNode data) {
        joined(peer);
        Transport transport = transport(peer, text(data, "transportId"));
        Map<String, Object> appData = new LinkedHashMap<>();
        if (data.hasNonNull("appData") && data.get("appData").isObject()) {
            appData.putAll(Json.MAPPER.convertValue(data.get("appData"), Map.class));
        }
        appData.put("peerId", peer.id);
        ProducerOptions options = new ProducerOptions(null, data.path("kind").asText(null), data.get("rtpParameters"),
                false, 0, appData);
        return room.context().back(transport.produce(options)).map(producer -> {
            peer.producers.put(producer.id(), producer);
            List<RoomPeer> consumers = room.consumersFor(peer);
            producer.onClosed(() -> room.context().run(() -> peer.producers.remove(producer.id())));
            producer.events().on(Producer.SCORE, scores -> room.context().run(() -> {
                ObjectNode note = object().put("producerId", producer.id());
                note.set("score", Json.MAPPER.valueToTree(scores));
                room.notify(peer, "producerScore", note);
            }));
            room.context().later(() -> room.onProduced(peer, producer, consumers));
            room.observeAudio(peer, producer);
            room.onLocalProducer(peer, producer);
            return object().put("id", producer.id());
        });
    }

    private Future<JsonNode> produceData(RoomPeer peer, JsonNode data) {
        return room.data().produceData(peer, transport(peer, text(data, "transportId")), data);
    }

    private Future<JsonNode> changeDisplayName(RoomPeer peer, JsonNode data) {
        String old = peer.displayName;
        peer.displayName = text(data, "displayName");
        room.notifyOthers(peer, "peerDisplayNameChanged", object().put("peerId", peer.id)
                .put("displayName", peer.displayName).put("oldDisplayName", old));
        return done(object());
    }

    private PeerRequests joined(RoomPeer peer) {
        if (!peer.joined) {
            throw new MediasoupError("Peer not yet joined");
        }
        return this;
    }

    private Transport transport(RoomPeer peer, String transportId) {
        Transport transport = peer.transports.get(transportId);
        if (transport == null) {
            throw new MediasoupError("transport with id \"" + transportId + "\" not found");
        }
        return transport;
    }

    private WebRtcTransport webRtcTransport(RoomPeer peer, String transportId) {
        if (transport(peer, transportId) instanceof WebRtcTransport webRtc) {
            return webRtc;
        }
        throw new MediasoupError("transport with id \"" + transportId + "\" is not a WebRtcTransport");
    }

    private Producer producer(RoomPeer peer, String producerId) {
        Producer producer = peer.producers.get(producerId);
        if (producer == null) {
            throw new MediasoupError("producer with id \"" + producerId + "\" not found");
        }
        return producer;
    }

    private Consumer consumer(RoomPeer peer, String consumerId) {
        Consumer consumer = peer.consumers.get(consumerId);
        if (consumer == null) {
            throw new MediasoupError("consumer with id \"" + consumerId + "\" not found");
        }
        return consumer;
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private Future<JsonNode> empty(Future<Void> future) {
        return room.context().back(future).map(v -> object());
    }

    private static Future<JsonNode> done(JsonNode value) {
        return Future.succeededFuture(value);
    }
}
