package io.tributary.dispatcher.front;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A node's announced URL ({@code ws://host:port/}) turned into what a client or the proxy connects to. */
public final class NodeUrls {

    private NodeUrls() {
    }

    /** The node's protoo URL with {@code query} (already encoded, may be null or empty). */
    public static String webSocket(String nodeUrl, String query) {
        URI base = URI.create(nodeUrl);
        String scheme = base.getScheme().startsWith("http") ? base.getScheme().replace("http", "ws") : base.getScheme();
        return scheme + "://" + base.getRawAuthority() + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** The node's HTTP origin ({@code http(s)://host:port}) for proxied API calls. */
    public static String http(String nodeUrl) {
        URI base = URI.create(nodeUrl);
        String scheme = base.getScheme().startsWith("ws") ? base.getScheme().replace("ws", "http") : base.getScheme();
        return scheme + "://" + base.getRawAuthority();
    }

    /** The node's protoo URL for a client sent there: the client's own query, minus {@code redirect}. */
    public static String redirectTarget(String nodeUrl, Map<String, String> query) {
        return webSocket(nodeUrl, query.entrySet().stream()
                .filter(e -> !e.getKey().equals("redirect"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
