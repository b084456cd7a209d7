package io.tributary.server.cluster;

import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.dispatcher.placement.Placement;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.tributary.server.room.RoomSummary;
import io.tributary.server.span.SpanNode;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterState;
import io.tributary.state.NodeHeartbeat;
import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The node role: a media node registered in the cluster state. It heartbeats its record, claims a room's lease when
 * the room is created here and releases it when the room closes, and sends joins for other nodes' rooms there. On
 * {@link #drain()} it turns {@code draining}: its rooms keep running and accepting joins, new rooms go elsewhere, and
 * it finishes when its rooms are empty or the drain timeout passed.
 */
public final class ClusterNode {

    private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());
    private static final long DRAIN_POLL_MS = 250;

    private final ServerConfig config;
    private final String nodeId;
    private volatile NodeState lifecycle = NodeState.SERVING;
    private ClusterState state;
    private StandaloneNode node;
    private NodeHeartbeat heartbeat;
    private WorkerLoad workerLoad;
    private ClusterAdmission admission;
    private SpanNode span;

    private ClusterNode(ServerConfig config) {
        this.config = config;
        ClusterConfig cluster = config.cluster();
        this.nodeId = cluster.nodeId() != null ? cluster.nodeId() : "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts the media node, then registers it. {@code states} opens the cluster state on the node's Vert.x and
     * {@code placement} places the new rooms a draining node sends away.
     */
    public static Future<ClusterNode> start(ServerConfig config, Function<Vertx, ClusterState> states,
                                            Placement placement) {
        ClusterNode cluster = new ClusterNode(config);
        return StandaloneNode.start(config, (vertx, rooms) -> {
                    cluster.state = states.apply(vertx);
                    cluster.admission = new ClusterAdmission(cluster.nodeId, cluster.state,
                            new RoomHomes(cluster.state, placement, cluster.spanning() ? config.cluster().roomNodeCap() : 0),
                            rooms, () -> cluster.lifecycle == NodeState.DRAINING);
                    return cluster.admission;
                })
                .compose(node -> {
                    cluster.node = node;
                    cluster.workerLoad = new WorkerLoad(node.vertx(), node.workers());
                    cluster.workerLoad.start();
                    node.rooms().onRoomClosed(cluster::roomClosed);
                    return cluster.startSpan();
                })
                .compose(spanStarted -> {
                    StandaloneNode node = cluster.node;
                    // Made on the control context: its record and room callbacks then run where the rooms live.
                    Promise<NodeHeartbeat> made = Promise.promise();
                    node.control().runOnContext(v -> made.complete(new NodeHeartbeat(node.vertx(), cluster.state,
                            cluster::record, cluster::ownedRooms, conflict -> cluster.lostRoom(conflict.room(),
                            conflict.home()), NodeHeartbeat.Timing.DEFAULT)));
                    return made.future().compose(heartbeat -> {
                        cluster.heartbeat = heartbeat;
                        return heartbeat.start();
                    }).recover(e -> cluster.close().transform(v -> Future.failedFuture(new IllegalStateException(
                            "cannot register in the cluster state: " + e.getMessage(), e))));
                })
                .map(v -> cluster);
    }

    public String nodeId() {
        return nodeId;
    }

    /** With a cluster secret and an internal port, rooms can span this and other nodes (else it never spills a join). */
    private boolean spanning() {
        return config.cluster().secret() != null && config.cluster().internalPort() != 0;
    }

    /** The internal API, so rooms can span this and other nodes. */
    private Future<Void> startSpan() {
        ClusterConfig cluster = config.cluster();
        if (!spanning()) {
            return Future.succeededFuture();
        }
        return SpanNode.start(node.vertx(), node.control(), nodeId, cluster.secret(), config.host(),
                config.effectiveAnnouncedIp(), cluster.internalPort(), state, node.rooms()).map(started -> {
                    span = started;
                    return null;
                });
    }

    public StandaloneNode node() {
        return node;
    }

    public boolean draining() {
        return lifecycle == NodeState.DRAINING;
    }

    /**
     * Turns draining (the record is written at once, the next heartbeat publishes the event), then completes when no
     * room is left or the drain timeout passed. The node keeps running; {@link #close()} ends it.
     */
    public Future<Void> drain() {
        lifecycle = NodeState.DRAINING;
        Promise<Void> drained = Promise.promise();
        long deadline = System.nanoTime() + config.cluster().drainTimeout().toNanos();
        node.control().runOnContext(v -> state.putNode(record(), NodeHeartbeat.Timing.DEFAULT.ttl())
                .onComplete(ar -> awaitEmpty(deadline, drained)));
        return drained.future();
    }

    private void awaitEmpty(long deadline, Promise<Void> drained) {
        if (node.rooms().size() == 0) {
            LOG.log(Level.INFO, "node {0}: drained, no room left", nodeId);
            drained.complete();
        } else if (System.nanoTime() >= deadline) {
            LOG.log(Level.INFO, "node {0}: drain timeout, {1} rooms still open", nodeId, node.rooms().size());
            drained.complete();
        } else {
            node.vertx().setTimer(DRAIN_POLL_MS, t -> awaitEmpty(deadline, drained));
        }
    }

    /** Leaves the registry, then stops the media node and the cluster state. */
    public Future<Void> close() {
        if (workerLoad != null) {
            workerLoad.stop();
        }
        Future<Void> spanClosed = span == null ? Future.succeededFuture() : span.close();
        Future<Void> left = spanClosed.transform(ar -> heartbeat == null ? Future.succeededFuture() : heartbeat.stop());
        Future<Void> stateClosed = left.transform(ar -> state == null ? Future.<Void>succeededFuture() : state.close());
        if (node == null) {
            return stateClosed;
        }
        // Not chained with transform: the result must not be delivered on a loop the node's close just stopped.
        Promise<Void> closed = Promise.promise();
        stateClosed.onComplete(ar -> node.close().onComplete(closed));
        return closed.future();
    }

    /** This node's record now; on the control context. */
    private NodeRecord record() {
        List<RoomSummary> rooms = node.rooms().summariesNow();
        return new NodeRecord(nodeId, node.announcedUrl(), internalUrl(), config.cluster().region(),
                config.cluster().labels(), StandaloneNode.version(), config.cluster().effectiveCapacity(config.workers()),
                workerLoad.load(), rooms.size(), rooms.stream().mapToInt(r -> r.peers().size()).sum(), 0, 0, 0, 0,
                lifecycle, System.currentTimeMillis());
    }

    private String internalUrl() {
        int port = config.cluster().internalPort();
        return port == 0 ? null : "http://" + config.effectiveAnnouncedIp() + ":" + port;
    }

    /** The rooms this node hosts now; on the control context. */
    private List<RoomKey> ownedRooms() {
        return node.rooms().summariesNow().stream().map(RoomSummary::room).filter(r -> !admission.memberOnly(r)).toList();
    }

    private void roomClosed(RoomKey room) {
        admission.forget(room);
        state.releaseRoom(room, nodeId)
                .compose(released -> state.publish(new ClusterEvent(ClusterEvent.Type.ROOM_CLOSED, nodeId, room)))
                .onFailure(e -> LOG.log(Level.DEBUG, "node {0}: releasing {1}: {2}", nodeId, room.qualified(), e));
    }

    /** Another node owns a room this one runs (claimed while the state was unreachable): its peers must go there. */
    private void lostRoom(RoomKey room, String owner) {
        LOG.log(Level.WARNING, "node {0}: room {1} is now homed on {2}, closing it here", nodeId, room.qualified(), owner);
        node.rooms().find(room).onSuccess(r -> {
            if (r != null) {
                r.close();
            }
        });
    }
}
