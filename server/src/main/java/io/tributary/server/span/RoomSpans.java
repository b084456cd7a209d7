package io.tributary.server.span;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.pipe.PipeRouters;
import io.tributary.pipe.RemotePipes;
import io.tributary.pipe.control.RemoteNode;
import io.tributary.server.room.Room;
import io.tributary.server.room.RoomEvents;
import io.tributary.server.room.RoomRegistry;
import io.tributary.server.room.RoomSummary;
import io.tributary.state.ClusterState;
import io.tributary.state.RoomKey;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This node's part in rooms that span nodes. It keeps its member entry (local peer count) in the cluster state,
 * greets the other member nodes when it starts hosting a room (they answer with their peers and pipe their producers
 * and 'chat' DataProducers here), tells the known members of its own peers' joins, leaves, producers and 'chat'
 * DataProducers (piped with {@link RemotePipes}), and drops a member whose entry expired (its peers are announced closed). State lives on the control context.
 */
public final class RoomSpans implements RoomEvents, PipeRouters {

    private static final System.Logger LOG = System.getLogger(RoomSpans.class.getName());
    private static final String PIPE_PATH = "/internal/pipe";

    private final String nodeId;
    private final String baseUrl;
    private final ClusterState state;
    private final RoomRegistry rooms;
    private final Context control;
    private final SpanClient client;
    private final Supplier<RemotePipes> pipes;
    /** Room -> the other member nodes it is known to have, node id -> internal base URL. */
    private final Map<RoomKey, Map<String, String>> members = new HashMap<>();
    /** Per member node: the calls to it, in order (a peer is announced before its producers). */
    private final Map<String, Future<Void>> queues = new HashMap<>();
    private final Map<String, RoomKey> byRouterKey = new ConcurrentHashMap<>();
    private final Map<String, String> routerKeys = new ConcurrentHashMap<>();
    private final Set<RoomKey> greeted = ConcurrentHashMap.newKeySet();

    RoomSpans(String nodeId, String baseUrl, ClusterState state, RoomRegistry rooms, Context control, SpanClient client,
              Supplier<RemotePipes> pipes) {
        this.nodeId = nodeId;
        this.baseUrl = baseUrl;
        this.state = state;
        this.rooms = rooms;
        this.control = control;
        this.client = client;
        this.pipes = pipes;
    }

    // ---- this node's own peers (RoomEvents, on the control context) ----

    @Override
    public void peerCountChanged(Room room, int localPeers) {
        RoomKey key = room.key();
        if (localPeers == 0) {
            state.removeRoomMember(key, nodeId);
            return;
        }
        state.putRoomMember(key, nodeId, localPeers, RoomHomes.MEMBER_TTL);
        String routerKey = key.qualified();
        byRouterKey.put(routerKey, key);
        routerKeys.put(room.router().id(), routerKey);
        if (greeted.add(key)) {
            greet(room);
        }
    }

    @Override
    public void peerJoined(Room room, ObjectNode info) {
        SpanMessage.PeerJoined joined = new SpanMessage.PeerJoined(room.key(), nodeId, info.path("id").asText(),
                info.path("displayName").asText(), info.get("device"));
        membersOf(room.key()).forEach((member, url) -> send(member, url, "peer-joined", joined));
    }

    @Override
    public void peerLeft(Room room, String peerId) {
        SpanMessage.PeerLeft left = new SpanMessage.PeerLeft(room.key(), nodeId, peerId);
        membersOf(room.key()).forEach((member, url) -> send(member, url, "peer-left", left));
    }

    @Override
    public void produced(Room room, String peerId, Producer producer) {
        membersOf(room.key()).forEach((member, url) -> pipe(member, url, room, peerId, producer));
    }

    @Override
    public void producedData(Room room, String peerId, DataProducer dataProducer) {
        membersOf(room.key()).forEach((member, url) -> pipeData(member, url, room, peerId, dataProducer));
    }

    /** The room closed here (its last local peer left). */
    void roomClosed(RoomKey key) {
        members.remove(key);
        greeted.remove(key);
        byRouterKey.remove(key.qualified());
        routerKeys.values().remove(key.qualified());
        state.removeRoomMember(key, nodeId);
    }

    // ---- the other member nodes (SpanApi, on the control context) ----

    Future<Void> hello(SpanMessage.Hello hello) {
        return onRoom(hello.room(), room -> {
            membersOf(room.key()).put(hello.from(), hello.baseUrl());
            announcePeers(hello.from(), hello.baseUrl(), room);
        });
    }

    Future<Void> peerJoined(SpanMessage.PeerJoined joined) {
        return onRoom(joined.room(), room -> room.addRemotePeer(joined.from(), joined.peerId(), joined.displayName(),
                joined.device()));
    }

    Future<Void> peerLeft(SpanMessage.PeerLeft left) {
        return onRoom(left.room(), room -> room.removeRemotePeer(left.peerId()));
    }

    Future<Void> producerPiped(SpanMessage.ProducerPiped piped) {
        return rooms.find(piped.room()).compose(room -> room == null ? notHere(piped.room())
                : room.addRemoteProducer(piped.peerId(), piped.producerId()));
    }

    Future<Void> dataProducerPiped(SpanMessage.DataProducerPiped piped) {
        return rooms.find(piped.room()).compose(room -> room == null ? notHere(piped.room())
                : room.addRemoteDataProducer(piped.peerId(), piped.dataProducerId()));
    }

    /** Every few seconds: refreshes this node's member entries, and drops members whose entry expired. */
    void refresh() {
        for (RoomSummary summary : rooms.summariesNow()) {
            if (!summary.peers().isEmpty()) {
                state.putRoomMember(summary.room(), nodeId, summary.peers().size(), RoomHomes.MEMBER_TTL);
            }
        }
        for (RoomKey key : Set.copyOf(members.keySet())) {
            state.roomMembers(key).onSuccess(live -> control.runOnContext(v -> {
                Map<String, String> known = members.get(key);
                if (known == null) {
                    return;
                }
                for (String member : Set.copyOf(known.keySet())) {
                    if (!live.containsKey(member)) {
                        known.remove(member);
                        LOG.log(Level.INFO, "node {0}: member {1} of room {2} is gone", nodeId, member, key.qualified());
                        rooms.find(key).onSuccess(room -> {
                            if (room != null) {
                                room.run(() -> room.removeRemotePeersOf(member));
                            }
                        });
                    }
                }
            }));
        }
    }

    // ---- PipeRouters: the other nodes pipe into this node's room routers ----

    @Override
    public Future<Router> router(String routerKey) {
        RoomKey key = byRouterKey.get(routerKey);
        return key == null ? Future.succeededFuture() : rooms.find(key).map(room -> room == null ? null : room.router());
    }

    @Override
    public String routerKey(Router router) {
        return routerKeys.get(router.id());
    }

    // ---- helpers ----

    /** Greets every other member node of the room in the cluster state; each answers with its peers. */
    private void greet(Room room) {
        RoomKey key = room.key();
        state.roomMembers(key).onSuccess(live -> live.keySet().stream().filter(id -> !id.equals(nodeId))
                .forEach(member -> state.node(member).onSuccess(record -> control.runOnContext(v -> {
                    if (record.isEmpty() || record.get().internalUrl() == null || room.closed()) {
                        return;
                    }
                    String url = record.get().internalUrl();
                    // Local peers that joined while the member was unknown here were told to no one: tell it now
                    // (unless its own hello already brought them).
                    if (membersOf(key).putIfAbsent(member, url) == null) {
                        announcePeers(member, url, room);
                    }
                    send(member, url, "hello", new SpanMessage.Hello(key, nodeId, baseUrl));
                }))));
    }

    /** This node's joined peers of the room, each followed by its producers, to one member. */
    private void announcePeers(String member, String url, Room room) {
        for (Room.LocalPeer peer : room.localPeers()) {
            ObjectNode info = peer.info();
            send(member, url, "peer-joined", new SpanMessage.PeerJoined(room.key(), nodeId,
                    info.path("id").asText(), info.path("displayName").asText(), info.get("device")));
            peer.producers().forEach(p -> pipe(member, url, room, info.path("id").asText(), p));
            peer.chatDataProducers().forEach(d -> pipeData(member, url, room, info.path("id").asText(), d));
        }
    }

    private Map<String, String> membersOf(RoomKey key) {
        return members.computeIfAbsent(key, k -> new HashMap<>());
    }

    private void pipe(String member, String url, Room room, String peerId, Producer producer) {
        RemoteNode remote = new RemoteNode(member, url + PIPE_PATH);
        // A producer of another router of the room is first piped to the one other nodes pipe from.
        pipeThenTell(member, url, "producer-piped", () -> room.onFirstRouter(producer.id())
                .compose(onFirst -> pipes.get().pipeProducer(onFirst, room.router(), remote, room.key().qualified())),
                new SpanMessage.ProducerPiped(room.key(), nodeId, peerId, producer.id()));
    }

    private void pipeData(String member, String url, Room room, String peerId, DataProducer dataProducer) {
        RemoteNode remote = new RemoteNode(member, url + PIPE_PATH);
        pipeThenTell(member, url, "data-producer-piped", () -> room.dataProducerOnFirstRouter(dataProducer.id())
                .compose(onFirst -> pipes.get().pipeDataProducer(onFirst, room.router(), remote,
                        room.key().qualified())),
                new SpanMessage.DataProducerPiped(room.key(), nodeId, peerId, dataProducer.id()));
    }

    /** In the member's queue: pipes, then (if that worked) tells the member what it got. */
    private void pipeThenTell(String member, String url, String operation, Supplier<Future<?>> piping, Object message) {
        enqueue(member, operation, () -> piping.get().compose(piped -> client.post(url, operation, message)));
    }

    private void send(String member, String url, String operation, Object message) {
        enqueue(member, operation, () -> client.post(url, operation, message));
    }

    private void enqueue(String member, String what, Supplier<Future<Void>> call) {
        Future<Void> previous = queues.getOrDefault(member, Future.succeededFuture());
        Promise<Void> done = Promise.promise();
        previous.onComplete(ignored -> control.runOnContext(v -> call.get().onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.DEBUG, "node {0}: {1} to {2} failed: {3}", nodeId, what, member, ar.cause());
            }
            done.complete();
        })));
        queues.put(member, done.future());
    }

    private Future<Void> onRoom(RoomKey key, java.util.function.Consumer<Room> action) {
        return rooms.find(key).compose(room -> {
            if (room == null) {
                return notHere(key);
            }
            Promise<Void> done = Promise.promise();
            room.run(() -> {
                action.accept(room);
                done.complete();
            });
            return done.future();
        });
    }

    private static Future<Void> notHere(RoomKey key) {
        return Future.failedFuture(new IllegalStateException("room " + key.qualified() + " is not on this node"));
    }
}
