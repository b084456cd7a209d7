package io.tributary.state.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterState;
import io.tributary.state.ClusterStateException;
import io.tributary.state.EventFanout;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link ClusterState} in Redis (standalone, Sentinel or Cluster; see {@link RedisUrl}). Records
 * and leases are keys with a TTL; leases change only through owner-fenced Lua scripts; events go
 * over one pub/sub channel read by a dedicated, self-healing connection. Every command fails its
 * Future within the command timeout when Redis is unreachable, and works again once it is back.
 */
public final class RedisClusterState implements ClusterState {

    private static final System.Logger LOG = System.getLogger(RedisClusterState.class.getName());
    private static final int POOL_SIZE = 8;
    private static final int POOL_WAITING = 4096;

    private final Redis commands;
    private final Redis subscriberClient;
    private final RedisKeys keys;
    private final long timeoutMs;
    private final EventFanout subscribers = new EventFanout();
    private final EventListener listener;
    private final AtomicLong malformedEvents = new AtomicLong();

    private RedisClusterState(Vertx vertx, RedisOptions options, RedisStateConfig config) {
        this.keys = new RedisKeys(config.keyPrefix());
        this.timeoutMs = config.commandTimeout().toMillis();
        this.commands = Redis.createClient(vertx, new RedisOptions(options)
                .setMaxPoolSize(POOL_SIZE)
                .setMaxPoolWaiting(POOL_WAITING));
        this.subscriberClient = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1));
        this.listener = new EventListener(vertx.getOrCreateContext(), subscriberClient, keys.events(), timeoutMs,
                this::onEvent);
    }

    public static RedisClusterState create(Vertx vertx, RedisStateConfig config) {
        RedisOptions options = RedisUrl.parse(config.url())
                // RESP3 keeps pub/sub pushes apart from replies, so the listener may PING while subscribed.
                .setPreferredProtocolVersion(ProtocolVersion.RESP3);
        options.getNetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.commandTimeout().toMillis()))
                .setTcpKeepAlive(true);
        return new RedisClusterState(vertx, options, config);
    }

    /** Events received on the channel that were not valid JSON events, dropped. */
    public long malformedEvents() {
        return malformedEvents.get();
    }

    @Override
    public Future<Void> putNode(NodeRecord record, Duration ttl) {
        return run(Scripts.PUT_NODE, List.of(keys.node(record.nodeId()), keys.nodeIndex()),
                StateJson.write(record), millis(ttl), record.nodeId()).mapEmpty();
    }

    @Override
    public Future<Void> removeNode(String nodeId) {
        return run(Scripts.REMOVE_NODE, List.of(keys.node(nodeId), keys.nodeIndex()), nodeId).mapEmpty();
    }

    @Override
    public Future<List<NodeRecord>> nodes() {
        return liveMembers(keys.nodeIndex()).compose(ids -> {
            if (ids.isEmpty()) {
                return Future.succeededFuture(List.of());
            }
            Request mget = Request.cmd(Command.MGET);
            ids.forEach(id -> mget.arg(keys.node(id)));
            return send(mget).map(values -> {
                List<NodeRecord> records = new ArrayList<>();
                for (Response value : values) {
                    if (value != null) {
                        records.add(readRecord(value.toString()));
                    }
                }
                return records;
            });
        });
    }

    @Override
    public Future<Optional<NodeRecord>> node(String nodeId) {
        return send(Request.cmd(Command.GET).arg(keys.node(nodeId)))
                .map(value -> Optional.ofNullable(value).map(v -> readRecord(v.toString())));
    }

    @Override
    public Future<String> claimRoom(RoomKey room, String nodeId, Duration lease) {
        return run(Scripts.CLAIM_ROOM, List.of(keys.room(room), keys.roomsOf(nodeId)),
                nodeId, millis(lease), RoomMember.encode(room)).map(Response::toString);
    }

    @Override
    public Future<Boolean> replaceRoomHome(RoomKey room, String expectedHome, String newHome, Duration lease) {
        return run(Scripts.REPLACE_HOME, List.of(keys.room(room), keys.roomsOf(expectedHome), keys.roomsOf(newHome)),
                expectedHome, newHome, millis(lease), RoomMember.encode(room)).map(done -> done.toInteger() == 1);
    }

    @Override
    public Future<Optional<String>> roomHome(RoomKey room) {
        return send(Request.cmd(Command.GET).arg(keys.room(room)))
                .map(value -> Optional.ofNullable(value).map(Response::toString));
    }

    @Override
    public Future<Boolean> renewRoom(RoomKey room, String nodeId, Duration lease) {
        return replaceRoomHome(room, nodeId, nodeId, lease);
    }

    @Override
    public Future<Boolean> releaseRoom(RoomKey room, String nodeId) {
        return run(Scripts.RELEASE_ROOM, List.of(keys.room(room), keys.roomsOf(nodeId)),
                nodeId, RoomMember.encode(room)).map(done -> done.toInteger() == 1);
    }

    @Override
    public Future<List<RoomKey>> roomsOf(String nodeId) {
        return liveMembers(keys.roomsOf(nodeId)).map(members -> members.stream().map(RoomMember::decode).toList());
    }

    @Override
    public Future<Void> putRoomMember(RoomKey room, String nodeId, int peers, Duration ttl) {
        return run(Scripts.PUT_MEMBER, memberKeys(room), nodeId, Integer.toString(peers), millis(ttl)).mapEmpty();
    }

    @Override
    public Future<Void> removeRoomMember(RoomKey room, String nodeId) {
        return run(Scripts.REMOVE_MEMBER, memberKeys(room), nodeId).mapEmpty();
    }

    @Override
    public Future<Map<String, Integer>> roomMembers(RoomKey room) {
        return run(Scripts.LIVE_MEMBER_PEERS, memberKeys(room)).map(flat -> {
            Map<String, Integer> members = new TreeMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                members.put(flat.get(i).toString(), Integer.parseInt(flat.get(i + 1).toString()));
            }
            return members;
        });
    }

    private List<String> memberKeys(RoomKey room) {
        return List.of(keys.roomMembers(room), keys.roomMemberPeers(room));
    }

    @Override
    public Future<Void> publish(ClusterEvent event) {
        return send(Request.cmd(Command.PUBLISH).arg(keys.events()).arg(StateJson.write(event))).mapEmpty();
    }

    /**
     * The first call starts the dedicated connection: its subscription is in place a moment after
     * this returns, and events published before that are not delivered (the registry, not the
     * channel, is the source of truth).
     */
    @Override
    public Subscription subscribe(Consumer<ClusterEvent> handler) {
        Subscription subscription = subscribers.add(handler);
        listener.start();
        return subscription;
    }

    @Override
    public Future<Void> close() {
        subscribers.clear();
        return listener.close()
                .eventually(subscriberClient::close)
                .eventually(commands::close);
    }

    private void onEvent(String json) {
        ClusterEvent event;
        try {
            event = StateJson.read(json, ClusterEvent.class);
        } catch (JsonProcessingException e) {
            malformedEvents.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "dropped a malformed cluster event: {0}", e.getOriginalMessage());
            return;
        }
        subscribers.deliver(event);
    }

    private Future<List<String>> liveMembers(String sortedSet) {
        return run(Scripts.LIVE_MEMBERS, List.of(sortedSet)).map(members -> {
            List<String> out = new ArrayList<>(members.size());
            members.forEach(m -> out.add(m.toString()));
            return out;
        });
    }

    private Future<Response> run(LuaScript script, List<String> scriptKeys, String... args) {
        return script.run(this::sendOnce, scriptKeys, List.of(args)).recover(err -> failure("script", err));
    }

    private Future<Response> send(Request request) {
        return sendOnce(request).recover(err -> failure(request.command().toString(), err));
    }

    private Future<Response> sendOnce(Request request) {
        return commands.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static Future<Response> failure(String what, Throwable err) {
        return Future.failedFuture(new ClusterStateException("Redis " + what + " failed: " + err.getMessage(), err));
    }

    private static NodeRecord readRecord(String json) {
        try {
            return StateJson.read(json, NodeRecord.class);
        } catch (JsonProcessingException e) {
            throw new ClusterStateException("unreadable node record: " + e.getOriginalMessage(), e);
        }
    }

    /** Redis refuses a zero TTL; 1 ms expires just as promptly. */
    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
