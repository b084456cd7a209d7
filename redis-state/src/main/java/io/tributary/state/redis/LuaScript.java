package io.tributary.state.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full (EVAL, which also caches it) only when the
 * server does not know it yet, e.g. after a restart.
 */
final class LuaScript {

    /** Server time in ms, so lease expiries never depend on the callers' clocks. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript of(String source) {
        return new LuaScript(source);
    }

    /** A script whose body may use {@code now}, the server's clock in ms. */
    static LuaScript withNow(String body) {
        return new LuaScript(NOW + body);
    }

    /** Runs the script with {@code keys} then {@code args} through {@code send}. */
    Future<Response> run(Function<Request, Future<Response>> send, List<String> keys, List<String> args) {
        return send.apply(request(Command.EVALSHA, sha, keys, args)).recover(err -> {
            if (err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT")) {
                return send.apply(request(Command.EVAL, source, keys, args));
            }
            return Future.failedFuture(err);
        });
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
