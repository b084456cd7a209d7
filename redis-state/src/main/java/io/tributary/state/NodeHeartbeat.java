package io.tributary.state;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one node present in the {@link ClusterState}. Every period it writes the node's record
 * with a TTL (so a killed node leaves the registry by itself), renews the leases of the rooms the
 * node hosts, and claims again any lease that is gone (Redis restarted, or a lease lapsed while
 * Redis was away). A room another node took meanwhile is never taken back: it goes to
 * {@code onConflict}, on every beat that finds it, until the node stops listing the room.
 * Publishes node-up when the node (re)appears after a failed write and node-draining when its
 * record turns draining. The callbacks run on the context that created the heartbeat.
 */
public final class NodeHeartbeat {

    /** How often the record is written and how long it and the room leases live unrefreshed. */
    public record Timing(Duration period, Duration ttl) {

        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(6));

        public Timing {
            if (period.isNegative() || period.isZero() || ttl.compareTo(period) <= 0) {
                throw new IllegalArgumentException("need 0 < period < ttl: " + period + ", " + ttl);
            }
        }
    }

    /** Renewals in flight at once, so thousands of rooms do not flood the connection pool. */
    private static final int RENEWALS_IN_FLIGHT = 64;

    private final Vertx vertx;
    private final Context context;
    private final ClusterState state;
    private final Supplier<NodeRecord> record;
    private final Supplier<? extends Collection<RoomKey>> rooms;
    private final Consumer<RoomConflict> onConflict;
    private final Timing timing;

    // Touched only on context.
    private boolean started;
    private boolean stopped;
    private long timerId = -1;
    private Future<Void> inFlight;
    private NodeState announced;

    public NodeHeartbeat(Vertx vertx, ClusterState state, Supplier<NodeRecord> record,
            Supplier<? extends Collection<RoomKey>> rooms, Consumer<RoomConflict> onConflict, Timing timing) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.state = state;
        this.record = record;
        this.rooms = rooms;
        this.onConflict = onConflict;
        this.timing = timing;
    }

    /** Beats now and then every period; the Future is the first beat's outcome (later beats go on either way). */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        context.runOnContext(v -> {
            if (started) {
                first.fail(new IllegalStateException("heartbeat already started"));
                return;
            }
            started = true;
            beat().onComplete(first);
        });
        return first.future();
    }

    /** Stops beating, releases the listed rooms' leases, removes the record and publishes node-down. */
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (stopped) {
                done.complete();
                return;
            }
            stopped = true;
            vertx.cancelTimer(timerId);
            Future<Void> pending = inFlight == null ? Future.succeededFuture() : inFlight;
            pending.transform(ar -> leave()).onComplete(done);
        });
        return done.future();
    }

    private Future<Void> leave() {
        Promise<Void> left = Promise.promise();
        context.runOnContext(v -> {
            String nodeId = record.get().nodeId();
            List<Future<?>> steps = new ArrayList<>();
            rooms.get().forEach(room -> steps.add(state.releaseRoom(room, nodeId)));
            steps.add(state.removeNode(nodeId));
            Future.join(steps).<Void>mapEmpty()
                    .eventually(() -> state.publish(new ClusterEvent(ClusterEvent.Type.NODE_DOWN, nodeId, null)))
                    .onComplete(left);
        });
        return left.future();
    }

    /** One beat, on context: record, announcement, leases; then the next beat is scheduled. */
    private Future<Void> beat() {
        long begun = System.nanoTime();
        Future<Void> work;
        try {
            NodeRecord current = record.get();
            List<RoomKey> hosted = List.copyOf(rooms.get());
            work = state.putNode(current, timing.ttl())
                    .onFailure(err -> context.runOnContext(v -> announced = null))
                    .compose(v -> announce(current))
                    .compose(v -> keepRooms(hosted, 0, current.nodeId()));
        } catch (RuntimeException e) {
            work = Future.failedFuture(e);
        }
        Promise<Void> done = Promise.promise();
        work.onComplete(ar -> context.runOnContext(v -> {
            inFlight = null;
            scheduleNext(begun);
            done.handle(ar);
        }));
        inFlight = done.future();
        return inFlight;
    }

    private void scheduleNext(long begunNanos) {
        if (stopped) {
            return;
        }
        long elapsedMs = (System.nanoTime() - begunNanos) / 1_000_000;
        timerId = vertx.setTimer(Math.max(1, timing.period().toMillis() - elapsedMs),
                id -> context.runOnContext(v -> {
                    if (!stopped) {
                        beat();
                    }
                }));
    }

    /** Tells the cluster the node is up or draining, once per change (and again after a failed write). */
    private Future<Void> announce(NodeRecord current) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (announced == current.state()) {
                done.complete();
                return;
            }
            ClusterEvent.Type type = current.serving() ? ClusterEvent.Type.NODE_UP : ClusterEvent.Type.NODE_DRAINING;
            state.publish(new ClusterEvent(type, current.nodeId(), null))
                    .onSuccess(ok -> context.runOnContext(x -> announced = current.state()))
                    .onComplete(done);
        });
        return done.future();
    }

    private Future<Void> keepRooms(List<RoomKey> hosted, int from, String nodeId) {
        if (from >= hosted.size()) {
            return Future.succeededFuture();
        }
        int to = Math.min(hosted.size(), from + RENEWALS_IN_FLIGHT);
        List<Future<Void>> chunk = new ArrayList<>(to - from);
        for (RoomKey room : hosted.subList(from, to)) {
            chunk.add(keepRoom(room, nodeId));
        }
        return Future.all(chunk).compose(v -> keepRooms(hosted, to, nodeId));
    }

    /** Renews the lease, or claims it again when it is gone; never overwrites another home. */
    private Future<Void> keepRoom(RoomKey room, String nodeId) {
        return state.renewRoom(room, nodeId, timing.ttl()).compose(renewed -> {
            if (renewed) {
                return Future.succeededFuture();
            }
            return state.claimRoom(room, nodeId, timing.ttl()).map(home -> {
                if (!home.equals(nodeId)) {
                    context.runOnContext(v -> onConflict.accept(new RoomConflict(room, home)));
                }
                return null;
            });
        });
    }
}
