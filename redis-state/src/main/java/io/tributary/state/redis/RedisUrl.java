package io.tributary.state.redis;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a cluster state URL into Vert.x Redis options:
 * {@code redis[s]://[user:pass@]host:port[/db]} for one server,
 * {@code redis[s]-sentinel://[user:pass@]host:port,host:port[/master]} for Sentinel (master name
 * "mymaster" when absent) and {@code redis[s]-cluster://[user:pass@]host:port,host:port} for Redis
 * Cluster.
 */
public final class RedisUrl {

    static final String DEFAULT_MASTER = "mymaster";

    private static final String EXPECTED = "expected redis://host:port[/db], "
            + "redis-sentinel://host:port[,host:port]/master or redis-cluster://host:port[,host:port]";

    private RedisUrl() {
    }

    public static RedisOptions parse(String url) {
        int schemeEnd = url == null ? -1 : url.indexOf("://");
        if (schemeEnd <= 0) {
            throw invalid(url);
        }
        String scheme = url.substring(0, schemeEnd);
        String rest = url.substring(schemeEnd + 3);
        return switch (scheme) {
            case "redis", "rediss" -> standalone(url, rest);
            case "redis-sentinel", "rediss-sentinel" -> sentinel(url, endpointScheme(scheme), rest);
            case "redis-cluster", "rediss-cluster" -> cluster(url, endpointScheme(scheme), rest);
            default -> throw invalid(url);
        };
    }

    private static RedisOptions standalone(String url, String rest) {
        hosts(url, authority(rest));
        return new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(url);
    }

    private static RedisOptions sentinel(String url, String endpointScheme, String rest) {
        String authority = authority(rest);
        String path = rest.substring(authority.length());
        String master = path.length() > 1 ? path.substring(1) : DEFAULT_MASTER;
        if (master.contains("/")) {
            throw invalid(url);
        }
        return new RedisOptions()
                .setType(RedisClientType.SENTINEL)
                .setEndpoints(endpoints(url, endpointScheme, authority))
                .setMasterName(master)
                .setRole(RedisRole.MASTER);
    }

    private static RedisOptions cluster(String url, String endpointScheme, String rest) {
        String authority = authority(rest);
        if (rest.length() > authority.length() && !rest.substring(authority.length()).equals("/")) {
            throw invalid(url);
        }
        return new RedisOptions()
                .setType(RedisClientType.CLUSTER)
                .setEndpoints(endpoints(url, endpointScheme, authority));
    }

    /** One {@code scheme://[userinfo@]host:port} per listed host, each carrying the credentials. */
    private static List<String> endpoints(String url, String endpointScheme, String authority) {
        int at = authority.lastIndexOf('@');
        String credentials = at < 0 ? "" : authority.substring(0, at + 1);
        List<String> endpoints = new ArrayList<>();
        for (String host : hosts(url, authority)) {
            endpoints.add(endpointScheme + "://" + credentials + host);
        }
        return endpoints;
    }

    private static List<String> hosts(String url, String authority) {
        String hostList = authority.substring(authority.lastIndexOf('@') + 1);
        List<String> hosts = new ArrayList<>();
        for (String host : hostList.split(",", -1)) {
            int colon = host.lastIndexOf(':') > host.lastIndexOf(']') ? host.lastIndexOf(':') : -1;
            if (host.isEmpty() || colon == 0 || (colon > 0 && !isPort(host.substring(colon + 1)))) {
                throw invalid(url);
            }
            hosts.add(host);
        }
        return hosts;
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port > 0 && port < 65536;
    }

    private static String authority(String rest) {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String endpointScheme(String scheme) {
        return scheme.startsWith("rediss") ? "rediss" : "redis";
    }

    private static IllegalArgumentException invalid(String url) {
        String shown = url == null ? null : url.replaceFirst("//[^/@]*@", "//***@");
        return new IllegalArgumentException("Unsupported cluster state URL '" + shown + "': " + EXPECTED);
    }
}
