package io.tributary.server.cluster;

import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.server.room.RoomRegistry;
import io.tributary.state.ClusterState;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A cluster node's admission: rooms it already runs are served (draining too); a new room is claimed for this node
 * unless another live node owns it (then the client is sent where a dispatcher would send it: the home, or with a
 * room node cap and a full home, a member node with room or this node as a new member), and a room whose home left
 * the registry is taken over with a compare-and-set. A draining node claims nothing: it gives up a claim a dispatcher
 * made for it and sends the client to the node placement picks instead.
 */
public final class ClusterAdmission implements RoomAdmission {

    private static final int ATTEMPTS = 3;

    private final String nodeId;
    private final ClusterState state;
    private final RoomHomes homes;
    private final RoomRegistry rooms;
    private final BooleanSupplier draining;
    private final Set<RoomKey> memberOnly = ConcurrentHashMap.newKeySet();

    public ClusterAdmission(String nodeId, ClusterState state, RoomHomes homes, RoomRegistry rooms,
                            BooleanSupplier draining) {
        this.nodeId = nodeId;
        this.state = state;
        this.homes = homes;
        this.rooms = rooms;
        this.draining = draining;
    }

    @Override
    public Future<Void> admit(RoomKey room, String region) {
        return rooms.find(room).compose(existing -> {
            if (existing != null) {
                return Future.succeededFuture();
            }
            return state.roomMembers(room).compose(members -> {
                if (members.containsKey(nodeId)) {
                    // A dispatcher spilled this peer here: this node hosts part of the room, the home stays the home.
                    memberOnly.add(room);
                    return Future.succeededFuture();
                }
                return draining.getAsBoolean() ? sendElsewhere(room, region) : claim(room, region, ATTEMPTS);
            });
        });
    }

    /** Whether this node hosts the room only as a member of a room homed elsewhere (so holds no lease for it). */
    public boolean memberOnly(RoomKey room) {
        return memberOnly.contains(room);
    }

    /** The room closed here. */
    public void forget(RoomKey room) {
        memberOnly.remove(room);
    }

    private Future<Void> claim(RoomKey room, String region, int attemptsLeft) {
        return state.claimRoom(room, nodeId, RoomHomes.LEASE).compose(home -> {
            if (home.equals(nodeId)) {
                return Future.succeededFuture();
            }
            return state.node(home).compose(owner -> {
                if (owner.isPresent()) {
                    return joinWhereTheDispatcherWould(room, region);
                }
                return state.replaceRoomHome(room, home, nodeId, RoomHomes.LEASE).compose(took -> {
                    if (took) {
                        return Future.succeededFuture();
                    }
                    return attemptsLeft > 1 ? claim(room, region, attemptsLeft - 1) : Future.failedFuture(
                            new IllegalStateException("room " + room.qualified() + " kept changing home"));
                });
            });
        });
    }

    /** The spill rule ({@link RoomHomes#resolveJoin}), so a full home is not sent more peers by a node than a dispatcher. */
    private Future<Void> joinWhereTheDispatcherWould(RoomKey room, String region) {
        return homes.resolveJoin(room, region).compose(target -> {
            if (target.nodeId().equals(nodeId)) {
                memberOnly.add(room);
                return Future.<Void>succeededFuture();
            }
            return Future.failedFuture(new RoomElsewhereException(room, target));
        });
    }

    private Future<Void> sendElsewhere(RoomKey room, String region) {
        return state.releaseRoom(room, nodeId)
                .compose(released -> homes.resolveJoin(room, region))
                .compose(home -> Future.failedFuture(home.nodeId().equals(nodeId)
                        ? new NoCapacityException(room, RoomHomes.RETRY_AFTER_SECONDS)
                        : new RoomElsewhereException(room, home)));
    }
}
