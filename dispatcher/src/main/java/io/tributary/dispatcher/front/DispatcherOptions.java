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
 */
public record DispatcherOptions(String host, int port, boolean redirect, HttpServerOptions http) {

    public DispatcherOptions {
        Objects.requireNonNull(host, "host");
        http = new HttpServerOptions(Objects.requireNonNull(http, "http"));
    }

    @Override
    public HttpServerOptions http() {
        return new HttpServerOptions(http);
    }
}
