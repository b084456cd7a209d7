package io.tributary.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The single-process {@link ClusterState}: the default when no Redis is configured. Same
 * semantics as the Redis one (expiring records and leases, owner-fenced release), kept in maps
 * under one lock: it is control-path state, touched a few times per join.
 */
public final class InMemoryClusterState implements ClusterState {

    private record Expiring<T>(T value, long expiresAt) {}

    private final LongSupplier clock;
    private final Map<String, Expiring<NodeRecord>> nodes = new HashMap<>();
    private final Map<RoomKey, Expiring<String>> rooms = new HashMap<>();
    private final Map<RoomKey, Map<String, Expiring<Integer>>> members = new HashMap<>();
    private final EventFanout subscribers = new EventFanout();

    public InMemoryClusterState() {
        this(System::currentTimeMillis);
    }

    /** With a clock in ms, so tests can expire records without waiting. */
    public InMemoryClusterState(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Future<Void> putNode(NodeRecord record, Duration ttl) {
        nodes.put(record.nodeId(), new Expiring<>(record, clock.getAsLong() + ttl.toMillis()));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> removeNode(String nodeId) {
        nodes.remove(nodeId);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<NodeRecord>> nodes() {
        long now = clock.getAsLong();
        nodes.values().removeIf(e -> e.expiresAt() <= now);
        List<NodeRecord> live = new ArrayList<>();
        nodes.values().forEach(e -> live.add(e.value()));
        return Future.succeededFuture(live);
    }

    @Override
    public synchronized Future<Optional<NodeRecord>> node(String nodeId) {
        return Future.succeededFuture(live(nodes, nodeId));
    }

    @Override
    public synchronized Future<String> claimRoom(RoomKey room, String nodeId, Duration lease) {
        Optional<String> home = live(rooms, room);
        if (home.isPresent()) {
            return Future.succeededFuture(home.get());
        }
        rooms.put(room, new Expiring<>(nodeId, clock.getAsLong() + lease.toMillis()));
        return Future.succeededFuture(nodeId);
    }

    @Override
    public synchronized Future<Boolean> replaceRoomHome(RoomKey room, String expectedHome, String newHome, Duration lease) {
        if (!live(rooms, room).map(expectedHome::equals).orElse(false)) {
            return Future.succeededFuture(false);
        }
        rooms.put(room, new Expiring<>(newHome, clock.getAsLong() + lease.toMillis()));
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Optional<String>> roomHome(RoomKey room) {
        return Future.succeededFuture(live(rooms, room));
    }

    @Override
    public synchronized Future<Boolean> renewRoom(RoomKey room, String nodeId, Duration lease) {
        return replaceRoomHome(room, nodeId, nodeId, lease);
    }

    @Override
    public synchronized Future<Boolean> releaseRoom(RoomKey room, String nodeId) {
        if (!live(rooms, room).map(nodeId::equals).orElse(false)) {
            return Future.succeededFuture(false);
        }
        rooms.remove(room);
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<List<RoomKey>> roomsOf(String nodeId) {
        long now = clock.getAsLong();
        rooms.values().removeIf(e -> e.expiresAt() <= now);
        List<RoomKey> owned = new ArrayList<>();
        rooms.forEach((room, home) -> {
            if (home.value().equals(nodeId)) {
                owned.add(room);
            }
        });
        return Future.succeededFuture(owned);
    }

    @Override
    public synchronized Future<Void> putRoomMember(RoomKey room, String nodeId, int peers, Duration ttl) {
        members.computeIfAbsent(room, k -> new HashMap<>())
                .put(nodeId, new Expiring<>(peers, clock.getAsLong() + ttl.toMillis()));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> removeRoomMember(RoomKey room, String nodeId) {
        Map<String, Expiring<Integer>> of = members.get(room);
        if (of != null) {
            of.remove(nodeId);
            if (of.isEmpty()) {
                members.remove(room);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Map<String, Integer>> roomMembers(RoomKey room) {
        Map<String, Expiring<Integer>> of = members.getOrDefault(room, Map.of());
        long now = clock.getAsLong();
        Map<String, Integer> live = new TreeMap<>();
        of.forEach((nodeId, peers) -> {
            if (peers.expiresAt() > now) {
                live.put(nodeId, peers.value());
            }
        });
        return Future.succeededFuture(live);
    }

    @Override
    public Future<Void> publish(ClusterEvent event) {
        subscribers.deliver(event);
        return Future.succeededFuture();
    }

    @Override
    public Subscription subscribe(Consumer<ClusterEvent> handler) {
        return subscribers.add(handler);
    }

    @Override
    public Future<Void> close() {
        subscribers.clear();
        return Future.succeededFuture();
    }

    private <K, V> Optional<V> live(Map<K, Expiring<V>> map, K key) {
        Expiring<V> entry = map.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAt() <= clock.getAsLong()) {
            map.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }
}
