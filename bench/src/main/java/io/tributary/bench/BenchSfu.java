package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcServer;
import io.tributary.worker.transport.webrtc.WebRtcServerOptions;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * The SFU under test, alone in its own JVM so its CPU can be read from {@code /proc}: one worker
 * with a WebRtcServer (UDP and TCP on loopback) and a router with Opus and VP8, set up as the
 * production node sets up its Vert.x (native transport, one loop per worker plus a control loop).
 *
 * <p>It speaks {@link ChildProtocol}: {@code {"id":1,"cmd":"createTransport"}} gives
 * {@code {"id":1,"ok":true,...}}. Commands: info, capabilities, createTransport, connect, produce, consume,
 * stats, jfrStart, jfrStop, exit.
 */
public final class BenchSfu {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 15;

    private final Vertx vertx;
    private final Worker worker;
    private final WebRtcServer server;
    private final Router router;
    private final long workerThreadId;
    private final RuntimeProbe probe = new RuntimeProbe();
    private final WindowRecording recording = new WindowRecording();
    private final Map<String, WebRtcTransport> transports = new HashMap<>();
    private final List<Producer> producers = new ArrayList<>();
    private final Map<String, Consumer> consumers = new HashMap<>();

    private BenchSfu() {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        worker = await(Worker.create(vertx, WorkerSettings.defaults()));
        server = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                TransportListenInfo.udp("127.0.0.1", 0), TransportListenInfo.tcp("127.0.0.1", 0)))));
        router = await(worker.createRouter(RouterOptions.of(List.of(
                codec("{\"kind\":\"audio\",\"mimeType\":\"audio/opus\",\"clockRate\":48000,\"channels\":2}"),
                codec("{\"kind\":\"video\",\"mimeType\":\"video/VP8\",\"clockRate\":90000}")))));
        workerThreadId = await(worker.loop().call(() -> Thread.currentThread().getId()));
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        BenchSfu sfu = new BenchSfu();
        ChildProtocol.serve(sfu::handle);
        sfu.close();
        // Daemon-less Vert.x threads may linger after close; the parent waits for this process to end.
        System.exit(0);
    }

    private ObjectNode handle(String cmd, JsonNode request) {
        ObjectNode out = JSON.createObjectNode();
        switch (cmd) {
            case "info" -> info(out);
            case "capabilities" -> out.set("rtpCapabilities", JSON.valueToTree(router.rtpCapabilities()));
            case "createTransport" -> {
                WebRtcTransport t = await(router.createWebRtcTransport(WebRtcTransportOptions.withServer(server)));
                transports.put(t.id(), t);
                out.put("transportId", t.id());
                out.set("iceParameters", JSON.valueToTree(t.iceParameters()));
                out.set("iceCandidates", JSON.valueToTree(t.iceCandidates()));
                out.set("dtlsParameters", JSON.valueToTree(t.dtlsParameters()));
            }
            case "connect" -> await(transport(request).connect(
                    JSON.convertValue(request.get("dtlsParameters"), DtlsParameters.class)));
            case "produce" -> {
                Producer p = await(transport(request).produce(
                        ProducerOptions.of(request.path("kind").asText(), request.get("rtpParameters"))));
                producers.add(p);
                out.put("producerId", p.id());
            }
            case "consume" -> {
                Consumer c = await(transport(request).consume(
                        ConsumerOptions.of(request.path("producerId").asText(), request.get("rtpCapabilities"))));
                consumers.put(c.id(), c);
                out.put("consumerId", c.id());
                out.set("rtpParameters", JSON.valueToTree(c.rtpParameters()));
            }
            case "stats" -> stats(out);
            case "jfrStart" -> recording.start();
            case "jfrStop" -> recording.stop(Path.of(request.path("file").asText()));
            case "exit" -> {
                // Nothing to do before the reply: closing happens once it is written.
            }
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        }
        return out;
    }

    private WebRtcTransport transport(JsonNode request) {
        WebRtcTransport t = transports.get(request.path("transportId").asText());
        if (t == null) {
            throw new IllegalArgumentException("no transport " + request.path("transportId"));
        }
        return t;
    }

    private void info(ObjectNode out) {
        out.put("pid", ProcessHandle.current().pid());
        out.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        out.put("vm", System.getProperty("java.vm.name"));
        out.put("gc", String.join(", ", probe.collectorNames()));
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        out.put("nativeTransport", vertx.isNativeTransportEnabled());
        out.put("srtpAes", JitsiOpenSslProvider.isLoaded() ? "OpenSSL (jitsi-srtp JNI)" : "JCE");
    }

    /**
     * Counters read on the worker loop in one turn (so packets in and out are consistent), then
     * the runtime's own counters. Everything is cumulative. The stats objects are read through
     * their JSON form, mediasoup's getStats() shape, which outlives their Java types.
     */
    private void stats(ObjectNode out) {
        JsonNode[] stats = await(worker.loop().call(() -> {
            long now = System.currentTimeMillis();
            List<Object> in = new ArrayList<>();
            producers.forEach(p -> in.addAll(p.getStats(now)));
            List<Object> sent = new ArrayList<>();
            consumers.values().forEach(c -> sent.add(c.getStats(now).get(0)));
            return new JsonNode[] {JSON.valueToTree(in), JSON.valueToTree(sent)};
        }));
        out.put("producerPackets", sum(stats[0], "packetCount"));
        out.put("producerPlis", sum(stats[0], "pliCount"));
        out.put("producerFirs", sum(stats[0], "firCount"));
        out.put("consumerPackets", sum(stats[1], "packetCount"));
        out.put("consumerBytes", sum(stats[1], "byteCount"));
        out.put("consumers", consumers.size());
        out.setAll((ObjectNode) JSON.valueToTree(probe.read(workerThreadId)));
    }

    private static long sum(JsonNode stats, String field) {
        long total = 0;
        for (JsonNode s : stats) {
            total += s.path(field).asLong();
        }
        return total;
    }

    private void close() {
        try {
            worker.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench sfu: close: " + e);
        }
    }

    private static RtpCodecCapability codec(String json) {
        try {
            return JSON.readValue(json, RtpCodecCapability.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
