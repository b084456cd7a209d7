package io.tributary.pipe.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.pipe.control.RemoteNode;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.pipe.PipeTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The second node of the two-process tests, in its own JVM: a {@link TestNode} (worker, router
 * {@code ns/room}, control API on a free loopback port) that consumes every producer piped into it on a
 * DirectTransport and reports on stdout, one line each: {@code READY nodeId controlUrl},
 * {@code PRODUCER id paused}, {@code RTP id hex}, {@code EVENT id name}, and {@code STATS json} when
 * asked {@code stats} on stdin; {@code pipe-to nodeId controlUrl} makes it the origin of a pipe
 * ({@code PIPED id}). {@code exit} (or stdin closing) stops it.
 */
public final class PipeNodeMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipeNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String nodeId = args.length > 0 ? args[0] : "child";
        TestNode node = TestNode.start(nodeId, o -> o.withTimeouts(5000, 500, 3000));
        node.router.observer().on(io.tributary.worker.router.Router.NEW_TRANSPORT, (Transport t) -> {
            if (t instanceof PipeTransport pipe) {
                pipe.observer().on(Transport.NEW_PRODUCER, producer -> {
                    String id = producer.id();
                    say("PRODUCER " + id + " " + producer.paused());
                    VideoSink.consume(node.router, id, (kind, value) -> say(("rtp".equals(kind) ? "RTP " : "EVENT ")
                            + id + " " + value));
                });
            }
        });
        say("READY " + nodeId + " " + node.server.controlUrl());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !"exit".equals(line); line = in.readLine()) {
            if ("stats".equals(line)) {
                say("STATS " + JSON.writeValueAsString(stats(node)));
            } else if (line.startsWith("pipe-to ")) {
                String[] words = line.split(" ");
                pipeTo(node, new RemoteNode(words[1], words[2]));
            }
        }
        node.close();
        System.exit(0);
    }

    /** This node as the origin: a new producer piped to {@code remote}'s router {@code ns/room}, then a few frames. */
    private static void pipeTo(TestNode node, RemoteNode remote) {
        VideoSource.produce(node.router).compose(source -> node.pipes()
                        .pipeProducer(source.producer(), node.router, remote, TestNode.ROUTER_KEY)
                        .onSuccess(pipe -> say("PIPED " + pipe.producerId())))
                .onFailure(e -> say("PIPE-FAILED " + e));
    }

    /** Summed over the pipe transports ever made: how many are open and what they received and dropped. */
    private static Map<String, Object> stats(TestNode node) throws Exception {
        long dropped = 0;
        long received = 0;
        for (PipeTransport pipe : node.pipeTransports) {
            if (!pipe.closed()) {
                Map<String, Object> stats = pipe.getStats().toCompletionStage().toCompletableFuture().get().get(0);
                dropped += (Long) stats.get("packetsDropped");
                received += ((Number) stats.get("bytesReceived")).longValue();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("open", node.openPipeTransports().size());
        out.put("packetsDropped", dropped);
        out.put("bytesReceived", received);
        out.put("links", node.pipes().links().size());
        return out;
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
