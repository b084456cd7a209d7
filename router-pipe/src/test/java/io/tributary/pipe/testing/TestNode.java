package io.tributary.pipe.testing;

import static io.tributary.pipe.Await.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.pipe.PipeControlServer;
import io.tributary.pipe.PipeRouters;
import io.tributary.pipe.RemotePipes;
import io.tributary.pipe.RemotePipesOptions;
import io.tributary.pipe.control.RemoteNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One node for pipe tests: its own Vert.x, a Worker with one VP8 router known as {@link #ROUTER_KEY}, and
 * the control API on a free loopback port with the node's RemotePipes.
 */
public final class TestNode implements AutoCloseable {

    public static final String SECRET = "tributary-test-cluster-secret";
    public static final String ROUTER_KEY = "ns/room";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<RtpCodecCapability> CODECS = List.of(JSON.convertValue(Map.of(
            "kind", "video", "mimeType", "video/VP8", "clockRate", 90000), RtpCodecCapability.class));

    public final Vertx vertx;
    public final Worker worker;
    public final Router router;
    public final PipeControlServer server;
    /** Every pipe transport ever created on the router. */
    public final Set<PipeTransport> pipeTransports = ConcurrentHashMap.newKeySet();

    private TestNode(Vertx vertx, Worker worker, Router router, PipeControlServer server) {
        this.vertx = vertx;
        this.worker = worker;
        this.router = router;
        this.server = server;
    }

    public static TestNode start(String nodeId, UnaryOperator<RemotePipesOptions> tweak) {
        return start(nodeId, tweak, UnaryOperator.identity());
    }

    /** A node whose control API finds its router through {@code lookup} wrapped around the plain one. */
    public static TestNode start(String nodeId, UnaryOperator<RemotePipesOptions> tweak,
                                 UnaryOperator<PipeRouters> lookup) {
        Vertx vertx = Vertx.vertx();
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(CODECS)));
        RemotePipesOptions options = tweak.apply(RemotePipesOptions.of(nodeId, null, SECRET));
        PipeControlServer server = result(PipeControlServer.deploy(vertx, options,
                lookup.apply(PipeRouters.of(Map.of(ROUTER_KEY, router))), "127.0.0.1", 0));
        TestNode node = new TestNode(vertx, worker, router, server);
        router.observer().on(Router.NEW_TRANSPORT, (Transport t) -> {
            if (t instanceof PipeTransport pipe) {
                node.pipeTransports.add(pipe);
            }
        });
        return node;
    }

    public static TestNode start(String nodeId) {
        return start(nodeId, UnaryOperator.identity());
    }

    public RemotePipes pipes() {
        return server.pipes();
    }

    public RemoteNode remote() {
        return new RemoteNode(pipes().identity().nodeId(), server.controlUrl());
    }

    public List<PipeTransport> openPipeTransports() {
        return pipeTransports.stream().filter(t -> !t.closed()).toList();
    }

    @Override
    public void close() {
        result(vertx.close());
    }
}
