package io.tributary.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protoo.ProtooPeer;
import io.tributary.server.http.Json;
import io.tributary.state.RoomKey;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerLayers;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.observer.AudioLevelObserver;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.webrtc.WebRtcServer;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A mediasoup-demo room: its routers (one, or one per worker beyond a consumer budget), its peers (protoo) and
 * broadcasters (HTTP), the join flow, the
 * creation of consumers for everyone else's producers, the notifications, and the close cascade.
 * All state lives on the room's {@link RoomContext}.
 */
public final class Room {

    private static final System.Logger LOG = System.getLogger(Room.class.getName());
    /** The demo announces mediasoup's version; clients only display it. */
    static final String MEDIASOUP_VERSION = "3.14.16";

    private final RoomKey key;
    private final String id;
    private final RoomRouters routers;
    private final RoomContext context;
    private final int consumerReplicas;
    private final Map<String, RoomPeer> peers = new LinkedHashMap<>();
    private final Map<String, RoomPeer> broadcasters = new LinkedHashMap<>();
    /** Peers of the other member nodes of a room spanning nodes, by id. */
    private final Map<String, RoomPeer> remotePeers = new LinkedHashMap<>();
    private final RoomEvents events;
    private final PeerRequests requests;
    private final List<Runnable> onClose = new ArrayList<>();
    private final Broadcasters broadcasterApi;
    private final AudioLevelObserver audioLevels;
    private final RoomData data;
    private boolean closed;

    Room(RoomKey key, RoomRouters routers, AudioLevelObserver audioLevels, RoomBot bot, RoomContext context,
         int consumerReplicas, String mediaIp, String announcedAddress, RoomEvents events) {
        this.key = key;
        this.id = key.roomId();
        this.events = events;
        this.routers = routers;
        this.context = context;
        this.consumerReplicas = consumerReplicas;
        this.requests = new PeerRequests(this);
        this.broadcasterApi = new Broadcasters(this, mediaIp, announcedAddress);
        this.audioLevels = audioLevels;
        this.data = new RoomData(this, bot);
        // As the demo: the loudest producer becomes activeSpeaker; silence clears it.
        audioLevels.events().on(AudioLevelObserver.VOLUMES, volumes -> context.run(() -> {
            if (!volumes.isEmpty()) {
                Object peerId = volumes.get(0).producer().appData().get("peerId");
                notifyAllJoined("activeSpeaker", object().put("peerId", String.valueOf(peerId))
                        .put("volume", volumes.get(0).volume()));
            }
        }));
        audioLevels.events().on(AudioLevelObserver.SILENCE, v -> context.run(() ->
                notifyAllJoined("activeSpeaker", object().putNull("peerId"))));
    }

    /** The demo's broadcaster HTTP API for this room. */
    public Broadcasters broadcasterApi() {
        return broadcasterApi;
    }

    public String id() {
        return id;
    }

    public RoomKey key() {
        return key;
    }

    /** The room's first router: the one other nodes pipe to, and where broadcasters and the bot are. */
    public Router router() {
        return routers.first().router();
    }

    WebRtcServer webRtcServer() {
        return routers.first().webRtcServer();
    }

    RoomRouters routers() {
        return routers;
    }

    /** The router a peer's transports are on: its own, or the first for broadcasters and remote peers. */
    RoomRouter homeOf(RoomPeer peer) {
        return peer.router != null ? peer.router : routers.first();
    }

    /** The router each protoo peer with transports is on, by peer id; on the room's context. */
    Map<String, Router> routersOfPeers() {
        Map<String, Router> map = new LinkedHashMap<>();
        peers.values().stream().filter(p -> p.router != null && p.router.router() != null)
                .forEach(p -> map.put(p.id, p.router.router()));
        return map;
    }

    RoomContext context() {
        return context;
    }

    RoomData data() {
        return data;
    }

    public boolean closed() {
        return closed;
    }

    void onClose(Runnable hook) {
        onClose.add(hook);
    }

    /** Counts for health and monitoring. */
    public int peerCount() {
        return peers.size();
    }

    /** The ids of its protoo peers (joined or not); read on the room's context. */
    List<String> peerIds() {
        return List.copyOf(peers.keySet());
    }

    /**
     * A protoo peer connected: a stale peer with the same id is closed first (the demo's reconnect
     * rule), then the server announces mediasoup's version and serves the peer's requests.
     */
    public void accept(ProtooPeer protoo) {
        context.run(() -> {
            if (closed) {
                protoo.close();
                return;
            }
            RoomPeer stale = peers.get(protoo.id());
            if (stale != null) {
                stale.protoo.close();
                closePeer(stale);
            }
            RoomPeer peer = new RoomPeer(protoo.id(), protoo);
            peers.put(peer.id, peer);
            protoo.onRequest(request -> context.run(() -> requests.handle(peer, request)));
            protoo.onClose(() -> context.run(() -> closePeer(peer)));
            protoo.notify("mediasoup-version", object().put("version", MEDIASOUP_VERSION));
            events.peerCountChanged(this, peers.size());
        });
    }

    /** Joined protoo peers and broadcasters other than {@code except}, as the demo's join answer lists them. */
    List<RoomPeer> joinedPeers(RoomPeer except) {
        List<RoomPeer> list = new ArrayList<>();
        for (RoomPeer p : peers.values()) {
            if (p.joined && p != except) {
                list.add(p);
            }
        }
        for (RoomPeer b : broadcasters.values()) {
            if (b != except) {
                list.add(b);
            }
        }
        for (RoomPeer r : remotePeers.values()) {
            if (r != except) {
                list.add(r);
            }
        }
        return list;
    }

    Map<String, RoomPeer> broadcasters() {
        return broadcasters;
    }

    /** A producer of another peer that a joining peer is to consume. */
    record ProducerOf(RoomPeer peer, Producer producer) {
    }

    /**
     * What a joining peer is to consume, decided at the moment it becomes joined: together with
     * {@link #consumersFor(RoomPeer)} taken when a producer appears, each pair is covered exactly once.
     */
    List<ProducerOf> producersFor(RoomPeer joiner) {
        List<ProducerOf> list = new ArrayList<>();
        for (RoomPeer other : joinedPeers(joiner)) {
            for (Producer producer : other.producers.values()) {
                list.add(new ProducerOf(other, producer));
            }
        }
        return list;
    }

    /** Who is to consume a new producer, decided when the producer is added to its peer. */
    List<RoomPeer> consumersFor(RoomPeer producerPeer) {
        List<RoomPeer> list = new ArrayList<>();
        for (RoomPeer other : joinedPeers(producerPeer)) {
            if (!other.isBroadcaster()) {
                list.add(other);
            }
        }
        return list;
    }

    /** After {@code join} was answered: the decided consumers and data consumers, then {@code newPeer} to the others. */
    void onJoined(RoomPeer peer, List<ProducerOf> toConsume, List<RoomData.DataProducerOf> dataToConsume) {
        for (ProducerOf p : toConsume) {
            if (!p.producer().closed()) {
                createConsumer(peer, p.peer(), p.producer());
            }
        }
        data.onJoined(peer, dataToConsume);
        for (RoomPeer other : joinedPeers(peer)) {
            notify(other, "newPeer", peerInfo(peer));
        }
        if (!peer.closed) {
            events.peerJoined(this, peerInfo(peer));
        }
    }

    /** A local peer's producer, after {@code produce} was answered: the other member nodes get it too. */
    void onLocalProducer(RoomPeer peer, Producer producer) {
        events.produced(this, peer.id, producer);
    }

    /** A local peer's 'chat' DataProducer, after {@code produceData} was answered: the other member nodes get it too. */
    void onLocalDataProducer(RoomPeer peer, DataProducer dataProducer) {
        events.producedData(this, peer.id, dataProducer);
    }

    /** After {@code produce} was answered: the decided peers each get a consumer of it. */
    void onProduced(RoomPeer producerPeer, Producer producer, List<RoomPeer> consumers) {
        for (RoomPeer other : consumers) {
            if (!other.closed) {
                createConsumer(other, producerPeer, producer);
            }
        }
    }

    /** Audio producers feed the active-speaker detection, which lives on the first router. */
    void observeAudio(RoomPeer peer, Producer producer) {
        if (producer.kind() == MediaKind.AUDIO) {
            routers.bring(producer, homeOf(peer), routers.first())
                    .onSuccess(v -> audioLevels.addProducer(producer.id()))
                    .onFailure(e -> LOG.log(Level.DEBUG, "no active speaker for " + producer.id() + ": " + e));
        }
    }

    /**
     * A producer of this room, also on the first router (piped there if its peer is on another one): what
     * broadcasters consume and other nodes pipe from. Null when no peer of the room has it.
     */
    public Future<Producer> onFirstRouter(String producerId) {
        return onFirstRouter(producerId, peer -> peer.producers.get(producerId), first -> first.producer(producerId));
    }

    /** The same for a DataProducer ('chat' ones are what other nodes pipe from). */
    public Future<DataProducer> dataProducerOnFirstRouter(String dataProducerId) {
        return onFirstRouter(dataProducerId, peer -> peer.dataProducers.get(dataProducerId),
                first -> first.dataProducer(dataProducerId));
    }

    private <T extends MediaEntity> Future<T> onFirstRouter(String id, Function<RoomPeer, T> ofPeer,
                                                            Function<Router, T> onRouter) {
        Router first = router();
        for (RoomPeer peer : peers.values()) {
            T entity = ofPeer.apply(peer);
            if (entity != null) {
                return routers.bring(entity, homeOf(peer), routers.first())
                        .compose(v -> context.back(first.worker().loop().call(() -> onRouter.apply(first))));
            }
        }
        return context.back(first.worker().loop().call(() -> onRouter.apply(first)));
    }

    private void notifyAllJoined(String method, JsonNode data) {
        notifyOthers(null, method, data);
    }

    static ObjectNode peerInfo(RoomPeer peer) {
        ObjectNode info = object().put("id", peer.id).put("displayName", peer.displayName);
        info.set("device", peer.device);
        return info;
    }

    /**
     * The demo's {@code _createConsumer}: paused on the server until the client has set it up, then
     * resumed, so video starts with exactly one key frame request.
     */
    void createConsumer(RoomPeer consumerPeer, RoomPeer producerPeer, Producer producer) {
        RoomRouter home = homeOf(producerPeer);
        if (consumerPeer.rtpCapabilities == null
                || !home.router().canConsume(producer.id(), consumerPeer.rtpCapabilities)) {
            return;
        }
        Transport transport = consumerPeer.consumingTransport();
        if (transport == null) {
            LOG.log(Level.WARNING, "peer " + consumerPeer.id + " has no consuming transport");
            return;
        }
        // A producer of another router of the room is piped to the consumer's router first, under the same id.
        routers.bring(producer, home, homeOf(consumerPeer)).onSuccess(v -> {
            for (int i = 0; i < 1 + consumerReplicas; i++) {
                ConsumerOptions options = ConsumerOptions.of(producer.id(), consumerPeer.rtpCapabilities)
                        .withPaused(true).withEnableRtx(true);
                context.back(transport.consume(options)).onSuccess(consumer -> offerConsumer(consumerPeer, producerPeer,
                        producer, consumer)).onFailure(e -> LOG.log(Level.WARNING, "consume failed: " + e));
            }
        }).onFailure(e -> LOG.log(Level.WARNING, "pipe of " + producer.id() + " failed: " + e));
    }

    private void offerConsumer(RoomPeer consumerPeer, RoomPeer producerPeer, Producer producer, Consumer consumer) {
        if (consumerPeer.closed) {
            consumer.close();
            return;
        }
        consumerPeer.consumers.put(consumer.id(), consumer);
        RoomRouter router = homeOf(consumerPeer);
        router.consumerAdded();
        consumer.onClosed(() -> context.run(() -> {
            consumerPeer.consumers.remove(consumer.id());
            router.consumerRemoved();
        }));
        wireConsumerEvents(consumerPeer, consumer);
        ObjectNode data = object().put("peerId", producerPeer.id).put("producerId", producer.id())
                .put("id", consumer.id()).put("kind", consumer.kind().value());
        data.set("rtpParameters", Json.MAPPER.valueToTree(consumer.rtpParameters()));
        data.put("type", consumer.type().value());
        data.set("appData", Json.MAPPER.valueToTree(producer.appData()));
        data.put("producerPaused", consumer.producerPaused());
        if (consumerPeer.protoo == null) {
            return;
        }
        context.back(Future.fromCompletionStage(consumerPeer.protoo.request("newConsumer", data)))
                .onSuccess(answer -> context.back(consumer.resume()).onSuccess(v ->
                        notify(consumerPeer, "consumerScore", scoreOf(consumer))))
                .onFailure(e -> LOG.log(Level.WARNING, "newConsumer failed for " + consumerPeer.id + ": " + e));
    }

    private void wireConsumerEvents(RoomPeer peer, Consumer consumer) {
        consumer.events().on(Consumer.PRODUCER_CLOSE, v -> context.run(() -> {
            peer.consumers.remove(consumer.id());
            notify(peer, "consumerClosed", object().put("consumerId", consumer.id()));
        }));
        consumer.events().on(Consumer.PRODUCER_PAUSE, v -> context.run(() ->
                notify(peer, "consumerPaused", object().put("consumerId", consumer.id()))));
        consumer.events().on(Consumer.PRODUCER_RESUME, v -> context.run(() ->
                notify(peer, "consumerResumed", object().put("consumerId", consumer.id()))));
        consumer.events().on(Consumer.SCORE, score -> context.run(() -> notify(peer, "consumerScore", scoreOf(consumer))));
        consumer.events().on(Consumer.LAYERS_CHANGE, layers -> context.run(() -> {
            ObjectNode data = object().put("consumerId", consumer.id());
            if (layers == null) {
                data.putNull("spatialLayer").putNull("temporalLayer");
            } else {
                data.put("spatialLayer", layers.spatialLayer()).put("temporalLayer", temporalOf(layers));
            }
            notify(peer, "consumerLayersChanged", data);
        }));
    }

    private static int temporalOf(ConsumerLayers layers) {
        return layers.temporalLayer() == null ? 0 : layers.temporalLayer();
    }

    private static ObjectNode scoreOf(Consumer consumer) {
        ObjectNode data = object().put("consumerId", consumer.id());
        data.set("score", Json.MAPPER.valueToTree(consumer.score()));
        return data;
    }

    /** A peer left (socket closed, replaced, ICE/DTLS failure): the demo's cascade. */
    void closePeer(RoomPeer peer) {
        if (peer.closed) {
            return;
        }
        peer.closed = true;
        if (peer.isRemote()) {
            remotePeers.remove(peer.id, peer);
            // Its piped producers would close with their link anyway; a dead node's might linger until then.
            List.copyOf(peer.producers.values()).forEach(Producer::close);
            List.copyOf(peer.dataProducers.values()).forEach(DataProducer::close);
        } else if (peer.isBroadcaster()) {
            broadcasters.remove(peer.id, peer);
        } else {
            peers.remove(peer.id, peer);
            if (peer.joined) {
                events.peerLeft(this, peer.id);
            }
            events.peerCountChanged(this, peers.size());
        }
        if (peer.joined || peer.isBroadcaster()) {
            for (RoomPeer other : joinedPeers(peer)) {
                notify(other, "peerClosed", object().put("peerId", peer.id));
            }
        }
        for (Transport transport : List.copyOf(peer.transports.values())) {
            transport.close();
        }
        peer.transports.clear();
        if (peers.isEmpty()) {
            close();
        }
    }

    /** Closes the room: the router (and so every transport), and the registry forgets it. */
    public void close() {
        context.run(() -> {
            if (closed) {
                return;
            }
            closed = true;
            for (RoomPeer peer : List.copyOf(peers.values())) {
                peer.protoo.close();
            }
            routers.close();
            onClose.forEach(Runnable::run);
        });
    }

    /** A local peer with its producers and 'chat' DataProducers now, for a member node that just joined the room. */
    public record LocalPeer(ObjectNode info, List<Producer> producers, List<DataProducer> chatDataProducers) {
    }

    /** The joined local protoo peers with their producers and 'chat' DataProducers; on the room's context. */
    public List<LocalPeer> localPeers() {
        List<LocalPeer> list = new ArrayList<>();
        for (RoomPeer peer : peers.values()) {
            if (peer.joined && !peer.closed) {
                list.add(new LocalPeer(peerInfo(peer), List.copyOf(peer.producers.values()),
                        peer.dataProducers.values().stream().filter(d -> "chat".equals(d.label())).toList()));
            }
        }
        return list;
    }

    /** Runs {@code task} on the room's context. */
    public void run(Runnable task) {
        context.run(task);
    }

    /** A peer of member node {@code originNode} joined: everyone here gets {@code newPeer}; on the room's context. */
    public void addRemotePeer(String originNode, String peerId, String displayName, JsonNode device) {
        if (closed || remotePeers.containsKey(peerId) || peers.containsKey(peerId)) {
            return;
        }
        RoomPeer peer = RoomPeer.remote(peerId, originNode, displayName, device == null ? object() : device);
        remotePeers.put(peerId, peer);
        notifyAllJoined("newPeer", peerInfo(peer));
    }

    /** A remote peer left: {@code peerClosed} here; on the room's context. */
    public void removeRemotePeer(String peerId) {
        RoomPeer peer = remotePeers.get(peerId);
        if (peer != null) {
            closePeer(peer);
        }
    }

    /** A member node is gone: its peers leave; on the room's context. */
    public void removeRemotePeersOf(String originNode) {
        for (RoomPeer peer : List.copyOf(remotePeers.values())) {
            if (originNode.equals(peer.originNode)) {
                closePeer(peer);
            }
        }
    }

    /**
     * A remote peer's producer was piped to this room's router (same id): the local peers consume it, and audio
     * feeds the active speaker. Fails when the peer or the piped producer is unknown here.
     */
    public Future<Void> addRemoteProducer(String peerId, String producerId) {
        Router router = router();
        return context.back(router.worker().loop().call(() -> router.producer(producerId))).map(producer -> {
            RoomPeer peer = remotePeers.get(peerId);
            if (peer == null || producer == null || producer.closed()) {
                throw new MediasoupError("no remote peer \"" + peerId + "\" or piped producer \"" + producerId + "\"");
            }
            if (peer.producers.putIfAbsent(producerId, producer) == null) {
                producer.onClosed(() -> context.run(() -> peer.producers.remove(producerId)));
                List<RoomPeer> consumers = consumersFor(peer);
                context.later(() -> onProduced(peer, producer, consumers));
                observeAudio(peer, producer);
            }
            return null;
        });
    }

    /** A remote peer's 'chat' DataProducer was piped to this room's router (same id): the local peers consume it. */
    public Future<Void> addRemoteDataProducer(String peerId, String dataProducerId) {
        return data.addRemote(remotePeers.get(peerId), dataProducerId);
    }

    void notify(RoomPeer peer, String method, JsonNode data) {
        if (peer.protoo != null && !peer.closed) {
            peer.protoo.notify(method, data);
        }
    }

    /** Notifies every joined peer but {@code except}. */
    void notifyOthers(RoomPeer except, String method, JsonNode data) {
        for (RoomPeer p : peers.values()) {
            if (p.joined && p != except) {
                notify(p, method, data);
            }
        }
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }
}
