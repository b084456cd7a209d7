package io.tributary.server.room;

import io.tributary.worker.Worker;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.router.RouterOptions;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms of this node. A room is created on first use, on the next worker round-robin as in the
 * demo; concurrent first uses share one creation.
 */
public final class RoomRegistry {

    private final List<Worker> workers;
    private final List<RtpCodecCapability> mediaCodecs;
    private final Map<String, Future<Room>> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger nextWorker = new AtomicInteger();

    public RoomRegistry(List<Worker> workers, List<RtpCodecCapability> mediaCodecs) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one worker");
        }
        this.workers = List.copyOf(workers);
        this.mediaCodecs = List.copyOf(mediaCodecs);
    }

    public Future<Room> getOrCreate(String roomId) {
        Future<Room> room = rooms.computeIfAbsent(roomId, this::create);
        // A failed creation is not cached, so the next request tries again.
        room.onFailure(e -> rooms.remove(roomId, room));
        return room;
    }

    public int size() {
        return rooms.size();
    }

    private Future<Room> create(String roomId) {
        Worker worker = workers.get(Math.floorMod(nextWorker.getAndIncrement(), workers.size()));
        return worker.createRouter(RouterOptions.of(mediaCodecs)).map(router -> {
            router.observer().on(io.tributary.worker.router.Router.CLOSE, v -> rooms.remove(roomId));
            return new Room(roomId, router);
        });
    }
}
