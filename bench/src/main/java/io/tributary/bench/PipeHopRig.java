package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.PipeToRouterOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.pipe.PipeTransportOptions;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured path of {@link PipeHopBench}: a VP8 producer on a DirectTransport of a router on worker
 * A, fed from A's own loop (so no hop precedes it), and a DirectTransport consumer on a router that is
 * either the same one (no pipe), on worker B behind pipeToRouter (in-process link), on worker B
 * behind a pipe transport pair connected over UDP on loopback (as between nodes), or on another node
 * (a {@link PipeHopNode} process) behind router-pipe's set-up and a UDP pipe pair with SRTP.
 */
final class PipeHopRig {

    enum Path {
        DIRECT("direct (no pipe)"),
        IN_PROCESS("pipe, in-process"),
        UDP("pipe, UDP loopback"),
        CROSS_NODE("pipe, across nodes");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 96;
    private static final int SSRC = 0x0B0E;
    static final List<RtpCodecCapability> CODECS = List.of(JSON.convertValue(Map.of(
            "kind", "video", "mimeType", "video/VP8", "clockRate", 90000), RtpCodecCapability.class));

    private final Worker workerA;
    private final Router routerA;
    private final Router routerB;
    private final PipeHopFarNode far;
    private final Producer producer;
    private final AtomicLong delivered = new AtomicLong();
    private final List<PipeTransport> pipes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final byte[] template;
    private final byte[] work;
    private long sent;
    private long timer = -1;

    private PipeHopRig(Worker workerA, Router routerA, Router routerB, PipeHopFarNode far, Producer producer,
                       int payloadBytes) {
        this.workerA = workerA;
        this.routerA = routerA;
        this.routerB = routerB;
        this.far = far;
        this.producer = producer;
        this.template = packetTemplate(payloadBytes);
        this.work = new byte[template.length];
    }

    /** {@code far} is the other node of the cross-node path (null for the others, which stay in this JVM). */
    static Future<PipeHopRig> start(Path path, Worker workerA, Worker workerB, int payloadBytes, PipeHopFarNode far) {
        Future<Router> a = workerA.createRouter(RouterOptions.of(CODECS));
        Future<Router> b = switch (path) {
            case DIRECT -> a;
            case CROSS_NODE -> Future.succeededFuture();
            default -> workerB.createRouter(RouterOptions.of(CODECS));
        };
        return Future.all(a, b).compose(v -> a.result().createDirectTransport(null, Map.of()))
                .compose(t -> t.produce(ProducerOptions.of("video", producerParameters())))
                .compose(producer -> {
                    PipeHopRig rig = new PipeHopRig(workerA, a.result(), b.result(), far, producer, payloadBytes);
                    a.result().observer().on(Router.NEW_TRANSPORT, t -> {
                        if (t instanceof PipeTransport pipe) {
                            rig.pipes.add(pipe);
                        }
                    });
                    return rig.pipe(path).compose(x -> path == Path.CROSS_NODE ? Future.succeededFuture()
                            : rig.consume()).map(rig);
                });
    }

    private Future<Void> pipe(Path path) {
        return switch (path) {
            case DIRECT -> Future.succeededFuture();
            case IN_PROCESS -> routerA.pipeToRouter(PipeToRouterOptions.producer(producer.id(), routerB)).mapEmpty();
            case UDP -> pipeOverUdp();
            case CROSS_NODE -> far.pipe(producer, routerA);
        };
    }

    /** What router-pipe does between nodes: connect the pair by tuples, consume here, produce there. */
    private Future<Void> pipeOverUdp() {
        PipeTransportOptions options = PipeTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0));
        Future<PipeTransport> near = routerA.createPipeTransport(options);
        Future<PipeTransport> far = routerB.createPipeTransport(options);
        return Future.all(near, far).compose(v -> {
            TupleInfo nearTuple = near.result().tuple();
            TupleInfo farTuple = far.result().tuple();
            return Future.all(near.result().connect(farTuple.localAddress(), farTuple.localPort(), null),
                    far.result().connect(nearTuple.localAddress(), nearTuple.localPort(), null));
        }).compose(v -> near.result().consume(producer.id(), Map.of()))
                .compose(pipeConsumer -> far.result().produce(new ProducerOptions(producer.id(), "video",
                        JSON.valueToTree(pipeConsumer.rtpParameters()), false, 0, Map.of())))
                .mapEmpty();
    }

    private Future<Void> consume() {
        return routerB.createDirectTransport(null, Map.of())
                .compose(t -> t.consume(ConsumerOptions.of(producer.id(), JSON.valueToTree(routerB.rtpCapabilities()))))
                .onSuccess(consumer -> consumer.events().on(DirectTransport.RTP, bytes -> delivered.incrementAndGet()))
                .mapEmpty();
    }

    /** Starts sending at {@code pps} from worker A's loop: each 1 ms tick sends what the clock says is due. */
    void startSending(int pps) {
        workerA.loop().execute(() -> {
            long start = System.nanoTime();
            long base = sent;
            timer = workerA.vertx().setPeriodic(1, id -> {
                long due = base + (System.nanoTime() - start) * pps / 1_000_000_000L;
                while (sent < due) {
                    sendOne();
                }
            });
        });
    }

    void stopSending() {
        workerA.loop().execute(() -> workerA.vertx().cancelTimer(timer));
    }

    /** One packet through the producer on A's loop; the first of every 100 is a key frame. */
    private void sendOne() {
        System.arraycopy(template, 0, work, 0, template.length);
        long n = sent++;
        work[2] = (byte) (n >>> 8);
        work[3] = (byte) n;
        long ts = n * 3000;
        work[4] = (byte) (ts >>> 24);
        work[5] = (byte) (ts >>> 16);
        work[6] = (byte) (ts >>> 8);
        work[7] = (byte) ts;
        work[14] = (byte) (0x80 | ((n >>> 8) & 0x7F));
        work[15] = (byte) n;
        work[16] = (byte) (n % 100 == 0 ? 0x10 : 0x11);
        producer.send(work);
    }

    /** Packets sent so far; read on A's loop. */
    Future<Long> sent() {
        return workerA.loop().call(() -> sent);
    }

    long delivered() {
        return delivered.get();
    }

    /** Packets the sending pipe transport dropped (full in-process queue, send failures); 0 without a pipe. */
    Future<Long> pipeDrops() {
        if (pipes.isEmpty()) {
            return Future.succeededFuture(0L);
        }
        return pipes.get(0).getStats().map(stats -> (Long) stats.get(0).get("packetsDropped"));
    }

    Future<Void> close() {
        routerA.close();
        if (routerB != null) {
            routerB.close();
        }
        return Future.succeededFuture();
    }

    private static JsonNode producerParameters() {
        return JSON.valueToTree(Map.of(
                "codecs", List.of(Map.of("mimeType", "video/VP8", "payloadType", PAYLOAD_TYPE, "clockRate", 90000,
                        "rtcpFeedback", List.of(Map.of("type", "nack"), Map.of("type", "nack", "parameter", "pli")))),
                "encodings", List.of(Map.of("ssrc", SSRC))));
    }

    /** RTP header (seq and timestamp written per packet), a VP8 descriptor with a 15-bit picture id, filler. */
    private static byte[] packetTemplate(int payloadBytes) {
        byte[] out = new byte[12 + 4 + payloadBytes];
        out[0] = (byte) 0x80;
        out[1] = (byte) (0x80 | PAYLOAD_TYPE);
        out[8] = (byte) (SSRC >>> 24);
        out[9] = (byte) (SSRC >>> 16);
        out[10] = (byte) (SSRC >>> 8);
        out[11] = (byte) SSRC;
        out[12] = (byte) 0x90;
        out[13] = (byte) 0x80;
        for (int i = 16; i < out.length; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
