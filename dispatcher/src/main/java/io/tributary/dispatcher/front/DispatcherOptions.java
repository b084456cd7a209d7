package io.tributary.dispatcher.front;

import io.vertx.core.http.HttpServerOptions;
import java.util.Objects;

/**
 * How a dispatcher listens and how it sends clients on.
 *
 * @param host     address to bind
 * @param port     HTTP/WebSocket port (0: any free one)
 * @param redirect true: every protoo client gets a {@code redirect}; false: proxied, unless it asks {@code ?redirect=1}
 * @param http     base HTTP server settings (TLS, ...); copied
 * @param regions  how the first joiner's region is found (query, header, address ranges)
 */
public record DispatcherOptions(String host, int port, boolean redirect, HttpServerOptions http, JoinerRegion regions) {

    public DispatcherOptions {
        Objects.requireNonNull(host, "host");
        http = new HttpServerOptions(Objects.requireNonNull(http, "http"));
        Objects.requireNonNull(regions, "regions");
    }

    /** Regions named by query or header only. */
    public DispatcherOptions(String host, int port, boolean redirect, HttpServerOptions http) {
        this(host, port, redirect, http, JoinerRegion.NAMED_ONLY);
    }

    @Override
    public HttpServerOptions http() {
        return new HttpServerOptions(http);
    }
}
