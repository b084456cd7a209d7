package io.tributary.pipe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The control API on its own HTTP listener, with the node's {@link RemotePipes}: what a node without
 * another internal listener (and the tests) runs. The node's URL for the others is
 * {@code http://HOST:PORT/internal/pipe}; port 0 takes a free one.
 */
public final class PipeControlServer extends VerticleBase {

    public static final String MOUNT = "/internal/pipe";

    private final RemotePipesOptions options;
    private final PipeRouters routers;
    private final String host;
    private final int port;
    private HttpServer server;
    private RemotePipes pipes;
    private String controlUrl;

    /** {@code options.controlUrl()} is ignored: it is this listener's. */
    public PipeControlServer(RemotePipesOptions options, PipeRouters routers, String host, int port) {
        this.options = options;
        this.routers = routers;
        this.host = host;
        this.port = port;
    }

    /** Deploys a server and completes once it listens. */
    public static Future<PipeControlServer> deploy(Vertx vertx, RemotePipesOptions options, PipeRouters routers,
                                                   String host, int port) {
        PipeControlServer server = new PipeControlServer(options, routers, host, port);
        return vertx.deployVerticle(server).map(id -> server);
    }

    @Override
    public Future<?> start() {
        Router root = Router.router(vertx);
        return vertx.createHttpServer().requestHandler(root).listen(port, host).map(listening -> {
            server = listening;
            controlUrl = "http://" + host + ":" + listening.actualPort() + MOUNT;
            pipes = RemotePipes.create(vertx, options.withControlUrl(controlUrl), routers);
            root.route(MOUNT + "/*").subRouter(pipes.controlRouter());
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        Future<Void> closing = pipes == null ? Future.succeededFuture() : pipes.close();
        return closing.eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    public RemotePipes pipes() {
        return pipes;
    }

    public String controlUrl() {
        return controlUrl;
    }

    public int port() {
        return server.actualPort();
    }
}
