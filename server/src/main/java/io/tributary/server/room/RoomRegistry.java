package io.tributary.server.room;

import io.tributary.server.node.MediaWorker;
import io.tributary.worker.observer.AudioLevelObserverOptions;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.router.RouterOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms of this node. A room is created on first use, on the next worker round-robin as in the
 * demo; concurrent first uses share one creation. Rooms live on the node's control context.
 */
public final class RoomRegistry {

    /** The demo's audio level observer: the loudest speaker above -80 dBov, every 800 ms. */
    private static final AudioLevelObserverOptions ACTIVE_SPEAKER = AudioLevelObserverOptions.defaults()
            .withMaxEntries(1).withThreshold(-80).withInterval(800);

    private final List<MediaWorker> workers;
    private final List<RtpCodecCapability> mediaCodecs;
    private final Context control;
    private final Map<String, Future<Room>> rooms = new HashMap<>();
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final String mediaIp;
    private final String announcedAddress;

    /** {@code mediaIp}/{@code announcedAddress}: where broadcasters' plain transports listen and what they are told. */
    public RoomRegistry(List<MediaWorker> workers, List<RtpCodecCapability> mediaCodecs, Context control, String mediaIp,
                        String announcedAddress) {
        this.mediaIp = mediaIp;
        this.announcedAddress = announcedAddress;
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one worker");
        }
        this.workers = List.copyOf(workers);
        this.mediaCodecs = List.copyOf(mediaCodecs);
        this.control = control;
    }

    public Future<Room> getOrCreate(String roomId) {
        return getOrCreate(roomId, 0);
    }

    /** {@code consumerReplicas} (a load-test knob) is fixed by whoever creates the room. */
    public Future<Room> getOrCreate(String roomId, int consumerReplicas) {
        Promise<Room> result = Promise.promise();
        control.runOnContext(v -> rooms.computeIfAbsent(roomId, id -> create(id, consumerReplicas))
                .onComplete(result));
        return result.future();
    }

    /** The room if it exists, without creating it. */
    public Future<Room> find(String roomId) {
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

    public int size() {
        return rooms.size();
    }

    private Future<Room> create(String roomId, int consumerReplicas) {
        MediaWorker worker = workers.get(Math.floorMod(nextWorker.getAndIncrement(), workers.size()));
        RoomContext context = new RoomContext(control);
        Future<Room> room = context.back(worker.worker().createRouter(RouterOptions.of(mediaCodecs)))
                .compose(router -> context.back(router.createAudioLevelObserver(ACTIVE_SPEAKER))
                        .compose(audioLevels -> RoomBot.create(router, context)
                                .map(bot -> new Room(roomId, router, audioLevels, bot, worker.webRtcServer(), context,
                                        consumerReplicas, mediaIp, announcedAddress))));
        // Only this room's entry is forgotten, never a newer room of the same id.
        room.onSuccess(r -> r.onClose(() -> control.runOnContext(v -> rooms.remove(roomId, room))))
                .onFailure(e -> control.runOnContext(v -> rooms.remove(roomId, room)));
        return room;
    }
}
