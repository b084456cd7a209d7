package io.tributary.state.redis;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dedicated pub/sub connection of one {@link RedisClusterState}. When it drops (Redis
 * restarted, failover) it reconnects with exponential backoff and subscribes again; a PING every
 * few seconds notices a connection that died without closing. State is touched on one context.
 */
final class EventListener {

    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final long PING_PERIOD_MS = 3_000;

    private final Context context;
    private final Redis client;
    private final String channel;
    private final long timeoutMs;
    private final Consumer<String> onMessage;

    private RedisConnection connection;
    private long backoffMs = MIN_BACKOFF_MS;
    private long retryTimer = -1;
    private long pingTimer = -1;
    private boolean started;
    private boolean closed;

    EventListener(Context context, Redis client, String channel, long timeoutMs, Consumer<String> onMessage) {
        this.context = context;
        this.client = client;
        this.channel = channel;
        this.timeoutMs = timeoutMs;
        this.onMessage = onMessage;
    }

    /** Connects the first time it is called; later calls do nothing. */
    void start() {
        context.runOnContext(v -> {
            if (!started && !closed) {
                started = true;
                connect();
            }
        });
    }

    Future<Void> close() {
        Promise<Void> closedPromise = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            context.owner().cancelTimer(retryTimer);
            context.owner().cancelTimer(pingTimer);
            RedisConnection current = connection;
            connection = null;
            (current == null ? Future.<Void>succeededFuture() : current.close()).onComplete(ar -> closedPromise.complete());
        });
        return closedPromise.future();
    }

    private void connect() {
        client.connect().onComplete(ar -> context.runOnContext(v -> connected(ar)));
    }

    private void connected(AsyncResult<RedisConnection> ar) {
        if (ar.failed()) {
            retryLater();
            return;
        }
        RedisConnection conn = ar.result();
        if (closed) {
            conn.close();
            return;
        }
        connection = conn;
        conn.handler(this::onResponse);
        conn.exceptionHandler(err -> context.runOnContext(v -> lost(conn)));
        conn.endHandler(end -> context.runOnContext(v -> lost(conn)));
        conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(sub -> context.runOnContext(v -> {
                    if (sub.failed()) {
                        lost(conn);
                    } else if (conn == connection) {
                        backoffMs = MIN_BACKOFF_MS;
                        pingTimer = context.owner().setPeriodic(PING_PERIOD_MS, id -> ping(conn));
                    }
                }));
    }

    /** A push {@code ["message", channel, payload]}; subscribe confirmations and the rest are ignored. */
    private void onResponse(Response response) {
        if (response != null && response.size() == 3 && "message".equals(response.get(0).toString())) {
            onMessage.accept(response.get(2).toString());
        }
    }

    private void ping(RedisConnection conn) {
        conn.send(Request.cmd(Command.PING))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onFailure(err -> context.runOnContext(v -> lost(conn)));
    }

    private void lost(RedisConnection conn) {
        if (conn != connection || closed) {
            return;
        }
        connection = null;
        context.owner().cancelTimer(pingTimer);
        conn.close();
        retryLater();
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        retryTimer = context.owner().setTimer(backoffMs, id -> connect());
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
}
