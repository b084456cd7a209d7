package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.pipe.PipeControlServer;
import io.tributary.pipe.PipeRouters;
import io.tributary.pipe.RemotePipesOptions;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The far node of {@link PipeHopBench}'s cross-node path, alone in its JVM: one worker with the VP8
 * router known as {@link #ROUTER_KEY}, router-pipe's control API on a free loopback port, and a
 * DirectTransport consumer (counting packets) of every producer piped in. Speaks {@link ChildProtocol}:
 * {@code info} (pid, controlUrl), {@code stats} (packets delivered, pipe drops, links, the worker thread's
 * CPU), {@code exit}.
 */
public final class PipeHopNode {

    static final String ROUTER_KEY = "bench/far";
    static final String NODE_ID = "far";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Worker worker;
    private final PipeControlServer server;
    private final long workerThreadId;
    private final RuntimeProbe probe = new RuntimeProbe();
    private final AtomicLong delivered = new AtomicLong();

    private PipeHopNode(String secret) {
        // One loop for the worker, one for the control API, as a node sizes its pool.
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        worker = await(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = await(worker.createRouter(RouterOptions.of(PipeHopRig.CODECS)));
        router.observer().on(Router.NEW_TRANSPORT, (Transport t) -> {
            if (t instanceof PipeTransport pipe) {
                pipe.observer().on(Transport.NEW_PRODUCER, producer -> router.createDirectTransport(null, Map.of())
                        .compose(direct -> direct.consume(ConsumerOptions.of(producer.id(),
                                JSON.valueToTree(router.rtpCapabilities()))))
                        .onSuccess(consumer -> consumer.events().on(DirectTransport.RTP,
                                bytes -> delivered.incrementAndGet()))
                        .onFailure(e -> System.err.println("pipe-hop node: cannot consume " + producer.id() + ": " + e)));
            }
        });
        server = await(PipeControlServer.deploy(vertx, RemotePipesOptions.of(NODE_ID, null, secret),
                PipeRouters.of(Map.of(ROUTER_KEY, router)), "127.0.0.1", 0));
        workerThreadId = await(worker.loop().call(() -> Thread.currentThread().getId()));
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        PipeHopNode node = new PipeHopNode(args[0]);
        ChildProtocol.serve(node::handle);
        node.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private ObjectNode handle(String cmd, JsonNode request) {
        ObjectNode out = JSON.createObjectNode();
        switch (cmd) {
            case "info" -> out.put("pid", ProcessHandle.current().pid()).put("controlUrl", server.controlUrl())
                    .put("jdk", MachineInfo.jdk());
            case "stats" -> out.put("delivered", delivered.get()).put("pipeDropped", pipeDropped())
                    .put("links", server.pipes().links().size())
                    .put("workerThreadCpuNs", (Long) probe.read(workerThreadId).get("workerThreadCpuNs"));
            case "exit" -> {
                // closing happens once the reply is written
            }
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        }
        return out;
    }

    /** Packets the pipe transports dropped (not from the connected remote, or failing SRTP). */
    private long pipeDropped() {
        return server.pipes().links().stream()
                .mapToLong(link -> (Long) await(link.transport().getStats()).get(0).get("packetsDropped")).sum();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("pipe-hop node start: " + e, e);
        }
    }
}
