package io.tributary.server.room;

import io.tributary.server.node.MediaWorker;
import io.tributary.state.RoomKey;
import io.tributary.worker.observer.AudioLevelObserverOptions;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The rooms of this node, by (namespace, roomId). A room is created on first use, on the next worker
 * round-robin as in the demo; concurrent first uses share one creation. With a router consumer budget, a
 * room grows routers on the other workers the same way. Rooms live on the node's control context.
 */
public final class RoomRegistry {

    /** The demo's audio level observer: the loudest speaker above -80 dBov, every 800 ms. */
    private static final AudioLevelObserverOptions ACTIVE_SPEAKER = AudioLevelObserverOptions.defaults()
            .withMaxEntries(1).withThreshold(-80).withInterval(800);

    private final List<MediaWorker> workers;
    private final List<RtpCodecCapability> mediaCodecs;
    private final Context control;
    private final Map<RoomKey, Future<Room>> rooms = new HashMap<>();
    private final List<Consumer<RoomKey>> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final String mediaIp;
    private final String announcedAddress;
    private final int routerConsumerBudget;
    private volatile RoomEvents events = RoomEvents.NONE;

    /**
     * {@code mediaIp}/{@code announcedAddress}: where broadcasters' plain transports listen and what they are told;
     * {@code routerConsumerBudget}: consumers on a room's router before new peers get one on another worker
     * (0: no limit).
     */
    public RoomRegistry(List<MediaWorker> workers, List<RtpCodecCapability> mediaCodecs, Context control, String mediaIp,
                        String announcedAddress, int routerConsumerBudget) {
        this.mediaIp = mediaIp;
        this.routerConsumerBudget = routerConsumerBudget;
        this.announcedAddress = announcedAddress;
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one worker");
        }
        this.workers = List.copyOf(workers);
        this.mediaCodecs = List.copyOf(mediaCodecs);
        this.control = control;
    }

    /** A room of the default namespace. */
    public Future<Room> getOrCreate(String roomId) {
        return getOrCreate(new RoomKey(null, roomId), 0);
    }

    /** {@code consumerReplicas} (a load-test knob) is fixed by whoever creates the room. */
    public Future<Room> getOrCreate(RoomKey key, int consumerReplicas) {
        Promise<Room> result = Promise.promise();
        control.runOnContext(v -> rooms.computeIfAbsent(key, k -> create(k, consumerReplicas))
                .onComplete(result));
        return result.future();
    }

    /** The room if it exists, without creating it; null otherwise. */
    public Future<Room> find(RoomKey roomId) {
        Promise<Room> result = Promise.promise();
        control.runOnContext(v -> {
            Future<Room> room = rooms.get(roomId);
            if (room == null) {
                result.complete(null);
            } else {
                room.onComplete(result);
            }
        });
        return result.future();
    }

    /** Who hears of the local peers of rooms created from now on (a node whose rooms may span nodes). */
    public void events(RoomEvents value) {
        events = value;
    }

    public int size() {
        return rooms.size();
    }

    /** Runs {@code listener} (on the control context) with the key of every room that closes. */
    public void onRoomClosed(Consumer<RoomKey> listener) {
        closeListeners.add(listener);
    }

    /** What each room holds now, for the node's record and its rooms API. */
    public Future<List<RoomSummary>> summaries() {
        Promise<List<RoomSummary>> result = Promise.promise();
        control.runOnContext(v -> result.complete(summariesNow()));
        return result.future();
    }

    /** As {@link #summaries()}, called on the control context. */
    public List<RoomSummary> summariesNow() {
        List<RoomSummary> list = new ArrayList<>();
        rooms.forEach((key, room) -> {
            if (room.succeeded() && !room.result().closed()) {
                list.add(new RoomSummary(key, room.result().peerIds()));
            }
        });
        return list;
    }

    private Future<Room> create(RoomKey key, int consumerReplicas) {
        MediaWorker worker = workers.get(Math.floorMod(nextWorker.getAndIncrement(), workers.size()));
        RoomContext context = new RoomContext(control);
        Future<Room> room = context.back(createRouter(worker)).compose(router -> {
            RoomRouters routers = new RoomRouters(new RoomRouter(worker, Future.succeededFuture(router)), workers,
                    nextWorker, routerConsumerBudget, this::createRouter, context);
            return context.back(router.createAudioLevelObserver(ACTIVE_SPEAKER))
                    .compose(audioLevels -> RoomBot.create(router, context)
                            .map(bot -> new Room(key, routers, audioLevels, bot, context, consumerReplicas, mediaIp,
                                    announcedAddress, events)));
        });
        // Only this room's entry is forgotten, never a newer room of the same id.
        room.onSuccess(r -> r.onClose(() -> forget(key, room)))
                .onFailure(e -> forget(key, room));
        return room;
    }

    private Future<Router> createRouter(MediaWorker worker) {
        return worker.worker().createRouter(RouterOptions.of(mediaCodecs));
    }

    private void forget(RoomKey key, Future<Room> room) {
        control.runOnContext(v -> {
            if (rooms.remove(key, room)) {
                closeListeners.forEach(listener -> listener.accept(key));
            }
        });
    }
}
