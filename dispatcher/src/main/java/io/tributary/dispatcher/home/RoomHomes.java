package io.tributary.dispatcher.home;

import io.tributary.dispatcher.placement.NodeLoad;
import io.tributary.dispatcher.placement.PlacementStrategy;
import io.tributary.state.ClusterState;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a room's home node: the live home in the registry, else a node chosen by the placement strategy and claimed
 * atomically (a room that lost its home to a dead node is moved with a compare-and-set, so two dispatchers never give
 * it two homes). Used by dispatchers, and by a draining node that must send a new room elsewhere.
 */
public final class RoomHomes {

    /** How long a claim holds without renewal; home nodes renew it every heartbeat. */
    public static final Duration LEASE = Duration.ofSeconds(20);
    /** Suggested wait before asking again when no node can take a room: about one heartbeat period and a half. */
    public static final int RETRY_AFTER_SECONDS = 3;
    /** A claim that loses a race re-reads the home; more than this many lost races in a row is an error. */
    private static final int ATTEMPTS = 4;

    private final ClusterState state;
    private final PlacementStrategy strategy;

    public RoomHomes(ClusterState state, PlacementStrategy strategy) {
        this.state = Objects.requireNonNull(state, "state");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    public String strategyName() {
        return strategy.name();
    }

    /**
     * The room's home, placing it when it has none or its home left the registry. Fails with
     * {@link NoCapacityException} when no node can take it.
     */
    public Future<NodeRecord> resolve(RoomKey room, String region) {
        return attempt(room, region, ATTEMPTS);
    }

    private Future<NodeRecord> attempt(RoomKey room, String region, int attemptsLeft) {
        return state.nodes().compose(nodes -> state.roomHome(room).compose(home -> {
            Optional<NodeRecord> live = home.flatMap(id -> byId(nodes, id));
            if (live.isPresent()) {
                return Future.succeededFuture(live.get());
            }
            Optional<NodeRecord> chosen = strategy.place(room, candidates(nodes, region));
            if (chosen.isEmpty()) {
                return Future.failedFuture(new NoCapacityException(room, RETRY_AFTER_SECONDS));
            }
            String nodeId = chosen.get().nodeId();
            Future<Boolean> won = home.isPresent()
                    ? state.replaceRoomHome(room, home.get(), nodeId, LEASE)
                    : state.claimRoom(room, nodeId, LEASE).map(nodeId::equals);
            return won.compose(ok -> {
                if (ok) {
                    return Future.succeededFuture(chosen.get());
                }
                if (attemptsLeft <= 1) {
                    return Future.failedFuture(new IllegalStateException("room " + room.qualified()
                            + " kept changing home while being placed"));
                }
                return attempt(room, region, attemptsLeft - 1);
            });
        }));
    }

    /**
     * Serving nodes below capacity (draining ones keep their rooms but take no new ones), the joiner's region first.
     */
    private static List<NodeRecord> candidates(List<NodeRecord> nodes, String region) {
        List<NodeRecord> serving = nodes.stream().filter(n -> n.serving() && NodeLoad.of(n) < 1.0).toList();
        if (region == null || region.isEmpty()) {
            return serving;
        }
        List<NodeRecord> inRegion = serving.stream().filter(n -> region.equals(n.region())).toList();
        return inRegion.isEmpty() ? serving : inRegion;
    }

    private static Optional<NodeRecord> byId(List<NodeRecord> nodes, String nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }
}
