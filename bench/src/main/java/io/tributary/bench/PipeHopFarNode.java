package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.pipe.PipeControlServer;
import io.tributary.pipe.PipeRouters;
import io.tributary.pipe.RemotePipesOptions;
import io.tributary.pipe.control.RemoteNode;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link PipeHopBench}'s other node: a {@link PipeHopNode} child JVM, and this JVM's own control API so
 * the two can pipe as nodes do (router-pipe's set-up, a UDP PipeTransport pair with SRTP).
 */
final class PipeHopFarNode implements AutoCloseable {

    /** What the far node reports at one instant: packets its consumers got, its worker thread's CPU. */
    record Reading(long delivered, long workerCpuNs, long processCpuNs) {
    }

    private final SfuProcess child;
    private final RemoteNode remote;
    private final PipeControlServer near;
    private volatile JsonNode lastStats;

    private PipeHopFarNode(SfuProcess child, RemoteNode remote, PipeControlServer near) {
        this.child = child;
        this.remote = remote;
        this.near = near;
    }

    /** Starts the child and this JVM's control API (on {@code vertx}), with a fresh shared secret. */
    static PipeHopFarNode start(Vertx vertx) throws Exception {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        SfuProcess child = SfuProcess.start(PipeHopNode.class, null, List.of(), key);
        try {
            RemoteNode remote = new RemoteNode(PipeHopNode.NODE_ID, child.info().path("controlUrl").asText());
            PipeControlServer near = PipeControlServer.deploy(vertx, RemotePipesOptions.of("near", null, key),
                    new NearRouters(), "127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
            return new PipeHopFarNode(child, remote, near);
        } catch (Exception e) {
            child.close();
            throw e;
        }
    }

    /** Pipes {@code producer} of {@code router} to the far node's router, where it is consumed at once. */
    Future<Void> pipe(Producer producer, Router router) {
        return near.pipes().pipeProducer(producer, router, remote, PipeHopNode.ROUTER_KEY).mapEmpty();
    }

    Reading read() {
        JsonNode stats = child.call(SfuProcess.command("stats"));
        lastStats = stats;
        return new Reading(stats.path("delivered").asLong(), stats.path("workerThreadCpuNs").asLong(),
                child.cpu().nanos());
    }

    /** The far node's last stats reply (packets delivered, pipe drops, links), for a report that needs explaining. */
    JsonNode lastStats() {
        return lastStats;
    }

    @Override
    public void close() {
        child.close();
    }

    /** The near routers come and go with each path; the far node never pipes back, so none is looked up. */
    private static final class NearRouters implements PipeRouters {
        @Override
        public Future<Router> router(String routerKey) {
            return Future.succeededFuture(null);
        }

        @Override
        public String routerKey(Router router) {
            return "bench/near";
        }
    }
}
