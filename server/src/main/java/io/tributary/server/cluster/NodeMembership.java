package io.tributary.server.cluster;

import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterState;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A node's presence in the registry: its record rewritten every 2 s with a 6 s TTL (a dead node vanishes by itself),
 * the leases of its rooms renewed on the same beat, and re-claimed when they are gone (after a Redis restart); a room
 * that another node took meanwhile is reported as lost. A failed beat is simply retried on the next one.
 */
final class NodeMembership {

    private static final System.Logger LOG = System.getLogger(NodeMembership.class.getName());
    static final Duration RECORD_TTL = Duration.ofSeconds(6);
    static final long PERIOD_MS = 2000;

    private final Vertx vertx;
    private final ClusterState state;
    private final String nodeId;
    private final Supplier<Future<NodeRecord>> record;
    private final Supplier<Future<List<RoomKey>>> rooms;
    private final BiConsumer<RoomKey, String> lost;
    private long timer = -1;
    private boolean beating;
    private boolean failing;

    NodeMembership(Vertx vertx, ClusterState state, String nodeId, Supplier<Future<NodeRecord>> record,
                   Supplier<Future<List<RoomKey>>> rooms, BiConsumer<RoomKey, String> lost) {
        this.vertx = vertx;
        this.state = state;
        this.nodeId = nodeId;
        this.record = record;
        this.rooms = rooms;
        this.lost = lost;
    }

    /** Registers now (failing if the state is unreachable), then keeps beating. */
    Future<Void> start() {
        return record.get().compose(r -> state.putNode(r, RECORD_TTL))
                .compose(v -> state.publish(new ClusterEvent(ClusterEvent.Type.NODE_UP, nodeId, null)))
                .onSuccess(v -> timer = vertx.setPeriodic(PERIOD_MS, t -> beat()));
    }

    /** One beat now (e.g. right after the node's state changed); beats never overlap. */
    Future<Void> beat() {
        if (beating) {
            return Future.succeededFuture();
        }
        beating = true;
        return record.get().compose(r -> state.putNode(r, RECORD_TTL))
                .compose(v -> rooms.get())
                .compose(this::renew)
                .onComplete(ar -> {
                    beating = false;
                    if (ar.failed() && !failing) {
                        LOG.log(Level.WARNING, "node {0}: cluster state unreachable, retrying every {1} ms: {2}",
                                nodeId, PERIOD_MS, ar.cause().toString());
                    } else if (ar.succeeded() && failing) {
                        LOG.log(Level.INFO, "node {0}: registered again", nodeId);
                    }
                    failing = ar.failed();
                });
    }

    /** Leaves the registry: the record goes at once instead of after its TTL. */
    Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return state.removeNode(nodeId)
                .compose(v -> state.publish(new ClusterEvent(ClusterEvent.Type.NODE_DOWN, nodeId, null)));
    }

    private Future<Void> renew(List<RoomKey> owned) {
        return Future.join(owned.stream().map(this::renew).toList()).mapEmpty();
    }

    private Future<Void> renew(RoomKey room) {
        return state.renewRoom(room, nodeId, RoomHomes.LEASE).compose(renewed -> renewed ? Future.succeededFuture()
                : state.claimRoom(room, nodeId, RoomHomes.LEASE).map(home -> {
                    if (!home.equals(nodeId)) {
                        lost.accept(room, home);
                    }
                    return null;
                }));
    }
}
