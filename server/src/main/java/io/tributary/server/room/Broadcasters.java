package io.tributary.server.room;

import static io.tributary.server.room.Room.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.server.http.Json;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.plain.PlainTransport;
import io.tributary.worker.transport.plain.PlainTransportOptions;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mediasoup-demo broadcaster API of a room: HTTP-driven peers (ffmpeg, GStreamer) that publish
 * over PlainTransports (or WebRTC) and appear to everyone else as peers with device flag
 * 'broadcaster'. Every method runs on the room's context and answers the demo's JSON.
 */
public final class Broadcasters {

    private final Room room;
    private final String listenIp;
    private final String announcedAddress;

    public Broadcasters(Room room, String listenIp, String announcedAddress) {
        this.room = room;
        this.listenIp = listenIp;
        this.announcedAddress = announcedAddress;
    }

    public Future<JsonNode> create(JsonNode body) {
        return onRoom(() -> {
            String id = required(body, "id", "missing body.id");
            String displayName = required(body, "displayName", "missing body.displayName");
            if (!body.path("device").hasNonNull("name")) {
                throw new TypeError("missing body.device.name");
            }
            if (room.broadcasters().containsKey(id)) {
                throw new MediasoupError("broadcaster with id \"" + id + "\" already exists");
            }
            RoomPeer broadcaster = new RoomPeer(id, null);
            broadcaster.displayName = displayName;
            ObjectNode device = object().put("flag", "broadcaster").put("name", body.path("device").path("name").asText());
            if (body.path("device").hasNonNull("version")) {
                device.put("version", body.path("device").path("version").asText());
            }
            broadcaster.device = device;
            if (body.hasNonNull("rtpCapabilities")) {
                try {
                    broadcaster.rtpCapabilities = body.get("rtpCapabilities");
                    Ortc.validateRtpCapabilities(broadcaster.rtpCapabilities);
                } catch (RuntimeException e) {
                    throw new TypeError("wrong body.rtpCapabilities");
                }
            }
            ObjectNode answer = object();
            ArrayNode peers = answer.putArray("peers");
            if (broadcaster.rtpCapabilities != null) {
                for (RoomPeer peer : room.joinedPeers(broadcaster)) {
                    if (peer.isBroadcaster()) {
                        continue;
                    }
                    ObjectNode info = Room.peerInfo(peer);
                    ArrayNode producers = info.putArray("producers");
                    for (Producer producer : peer.producers.values()) {
                        if (room.homeOf(peer).router().canConsume(producer.id(), broadcaster.rtpCapabilities)) {
                            producers.add(object().put("id", producer.id()).put("kind", producer.kind().value()));
                        }
                    }
                    peers.add(info);
                }
            }
            room.broadcasters().put(id, broadcaster);
            room.notifyOthers(broadcaster, "newPeer", Room.peerInfo(broadcaster));
            return Future.succeededFuture(answer);
        });
    }

    public Future<Void> delete(String broadcasterId) {
        return onRoom(() -> {
            room.closePeer(broadcaster(broadcasterId));
            return Future.succeededFuture();
        });
    }

    /** {@code {type:'plain'|'webrtc', rtcpMux=false, comedia=true}} as the demo's defaults. */
    public Future<JsonNode> createTransport(String broadcasterId, JsonNode body) {
        return onRoom(() -> {
            RoomPeer broadcaster = broadcaster(broadcasterId);
            String type = body.path("type").asText(null);
            Future<? extends Transport> created;
            if ("plain".equals(type)) {
                PlainTransportOptions options = PlainTransportOptions.of(
                                TransportListenInfo.udp(listenIp, 0).withAnnouncedAddress(announcedAddress))
                        .withRtcpMux(body.path("rtcpMux").asBoolean(false))
                        .withComedia(body.path("comedia").asBoolean(true));
                created = room.router().createPlainTransport(options);
            } else if ("webrtc".equals(type)) {
                created = room.router().createWebRtcTransport(WebRtcTransportOptions.withServer(room.webRtcServer()));
            } else {
                throw new TypeError("invalid type");
            }
            return room.context().back(created).map(transport -> {
                broadcaster.transports.put(transport.id(), transport);
                transport.onClosed(() -> room.context().run(() -> broadcaster.transports.remove(transport.id())));
                return describe(transport);
            });
        });
    }

    private static JsonNode describe(Transport transport) {
        if (transport instanceof PlainTransport plain) {
            ObjectNode answer = object().put("id", plain.id()).put("ip", plain.tuple().localAddress())
                    .put("port", plain.tuple().localPort());
            if (plain.rtcpTuple() != null) {
                answer.put("rtcpPort", plain.rtcpTuple().localPort());
            }
            return answer;
        }
        WebRtcTransport webRtc = (WebRtcTransport) transport;
        ObjectNode answer = object().put("id", webRtc.id());
        answer.set("iceParameters", Json.MAPPER.valueToTree(webRtc.iceParameters()));
        answer.set("iceCandidates", Json.MAPPER.valueToTree(webRtc.iceCandidates()));
        answer.set("dtlsParameters", Json.MAPPER.valueToTree(webRtc.dtlsParameters()));
        answer.putNull("sctpParameters");
        return answer;
    }

    public Future<Void> connectTransport(String broadcasterId, String transportId, JsonNode body) {
        return onRoom(() -> {
            Transport transport = transport(broadcaster(broadcasterId), transportId);
            if (!(transport instanceof WebRtcTransport webRtc)) {
                throw new MediasoupError("transport with id \"" + transportId + "\" is not a WebRtcTransport");
            }
            return room.context().back(webRtc.connect(Ortc.validateDtlsParameters(body.get("dtlsParameters"))));
        });
    }

    public Future<JsonNode> produce(String broadcasterId, String transportId, JsonNode body) {
        return onRoom(() -> {
            RoomPeer broadcaster = broadcaster(broadcasterId);
            Transport transport = transport(broadcaster, transportId);
            Map<String, Object> appData = new LinkedHashMap<>();
            appData.put("peerId", broadcasterId);
            ProducerOptions options = new ProducerOptions(null, body.path("kind").asText(null), body.get("rtpParameters"),
                    false, 0, appData);
            return room.context().back(transport.produce(options)).map(producer -> {
                broadcaster.producers.put(producer.id(), producer);
                producer.onClosed(() -> room.context().run(() -> broadcaster.producers.remove(producer.id())));
                List<RoomPeer> consumers = room.consumersFor(broadcaster);
                room.context().later(() -> room.onProduced(broadcaster, producer, consumers));
                room.observeAudio(broadcaster, producer);
                return (JsonNode) object().put("id", producer.id());
            });
        });
    }

    /** The broadcaster consumes a room producer; unlike a protoo peer's, the consumer starts unpaused. */
    public Future<JsonNode> consume(String broadcasterId, String transportId, String producerId) {
        return onRoom(() -> {
            RoomPeer broadcaster = broadcaster(broadcasterId);
            Transport transport = transport(broadcaster, transportId);
            if (broadcaster.rtpCapabilities == null) {
                throw new TypeError("broadcaster does not have rtpCapabilities");
            }
            // Broadcasters' transports are on the room's first router; a producer of another one is piped there.
            return room.onFirstRouter(producerId).compose(onFirst -> room.context().back(
                            transport.consume(ConsumerOptions.of(producerId, broadcaster.rtpCapabilities))))
                    .map(consumer -> {
                        broadcaster.consumers.put(consumer.id(), consumer);
                        consumer.onClosed(() -> room.context().run(() -> broadcaster.consumers.remove(consumer.id())));
                        return describe(consumer);
                    });
        });
    }

    private static JsonNode describe(Consumer consumer) {
        ObjectNode answer = object().put("id", consumer.id()).put("producerId", consumer.producerId())
                .put("kind", consumer.kind().value());
        answer.set("rtpParameters", Json.MAPPER.valueToTree(consumer.rtpParameters()));
        answer.put("type", consumer.type().value());
        return answer;
    }

    private RoomPeer broadcaster(String broadcasterId) {
        RoomPeer broadcaster = room.broadcasters().get(broadcasterId);
        if (broadcaster == null) {
            throw new MediasoupError("broadcaster with id \"" + broadcasterId + "\" does not exist");
        }
        return broadcaster;
    }

    private static Transport transport(RoomPeer broadcaster, String transportId) {
        Transport transport = broadcaster.transports.get(transportId);
        if (transport == null) {
            throw new MediasoupError("transport with id \"" + transportId + "\" does not exist");
        }
        return transport;
    }

    private static String required(JsonNode body, String field, String message) {
        if (body == null || !body.hasNonNull(field)) {
            throw new TypeError(message);
        }
        return body.get(field).asText();
    }

    /** Runs on the room's context; a thrown error becomes the failed Future (and so the HTTP error). */
    private <T> Future<T> onRoom(java.util.function.Supplier<Future<T>> action) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        room.context().run(() -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
