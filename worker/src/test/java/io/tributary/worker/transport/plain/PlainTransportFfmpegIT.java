package io.tributary.worker.transport.plain;

import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import io.tributary.worker.rtp.stream.RtpStreamRecvStats;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real ffmpeg sends VP8 over plain RTP into a comedia PlainTransport; a consumer on a
 * DirectTransport must receive it as a continuous stream in its own SSRC, starting at a key frame.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PlainTransportFfmpegIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FFMPEG_SSRC = 22222222L;
    private static final int FFMPEG_PT = 101;

    private final Vertx vertx = Vertx.vertx();
    private Process ffmpeg;

    @AfterEach
    void stop() {
        if (ffmpeg != null) {
            ffmpeg.destroyForcibly();
        }
        result(vertx.close());
    }

    @Test
    void ffmpegVp8IntoComediaPlainTransportReachesAConsumer() throws Exception {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(List.of(JSON.treeToValue(JSON.readTree(
                "{\"kind\":\"video\",\"mimeType\":\"video/VP8\",\"clockRate\":90000}"), RtpCodecCapability.class)))));
        PlainTransport plain = result(router.createPlainTransport(
                PlainTransportOptions.of(TransportListenInfo.udp("127.0.0.1", 0)).withComedia(true)));
        CompletableFuture<TupleInfo> learned = new CompletableFuture<>();
        plain.events().on(PlainTransport.TUPLE, learned::complete);
        result(plain.connect(null, null, null, null));

        JsonNode rtpParameters = JSON.readTree("{\"codecs\":[{\"mimeType\":\"video/VP8\",\"payloadType\":" + FFMPEG_PT
                + ",\"clockRate\":90000}],\"encodings\":[{\"ssrc\":" + FFMPEG_SSRC + "}]}");
        Producer producer = result(plain.produce(ProducerOptions.of("video", rtpParameters)));

        DirectTransport direct = result(router.createDirectTransport(null, Map.of()));
        Consumer consumer = result(direct.consume(ConsumerOptions.of(producer.id(),
                JSON.valueToTree(router.rtpCapabilities()))));
        long consumerSsrc = consumer.rtpParameters().encodings().get(0).ssrc();
        int consumerPt = consumer.rtpParameters().codecs().get(0).payloadType();

        AtomicInteger packets = new AtomicInteger();
        AtomicInteger wrongSsrcOrPt = new AtomicInteger();
        AtomicInteger seqGaps = new AtomicInteger();
        int[] lastSeq = {-1};
        boolean[] firstWasKeyFrame = new boolean[1];
        CompletableFuture<Void> enough = new CompletableFuture<>();
        RtpPacket view = new RtpPacket();
        Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
        consumer.events().on(DirectTransport.RTP, bytes -> {
            if (!view.wrap(bytes, 0, bytes.length)) {
                return;
            }
            if ((view.ssrc() & 0xffffffffL) != consumerSsrc || view.payloadType() != consumerPt) {
                wrongSsrcOrPt.incrementAndGet();
            }
            if (lastSeq[0] < 0) {
                firstWasKeyFrame[0] = vp8.wrap(bytes, view.payloadOffset(), view.payloadLength()) && vp8.isKeyFrame();
            } else if (view.sequenceNumber() != ((lastSeq[0] + 1) & 0xffff)) {
                seqGaps.incrementAndGet();
            }
            lastSeq[0] = view.sequenceNumber();
            if (packets.incrementAndGet() >= 90) {
                enough.complete(null);
            }
        });

        int port = plain.tuple().localPort();
        ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-t", "20",
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-g", "30",
                "-pix_fmt", "yuv420p", "-an",
                "-f", "rtp", "-ssrc", Long.toString(FFMPEG_SSRC), "-payload_type", Integer.toString(FFMPEG_PT),
                "rtp://127.0.0.1:" + port + "?pkt_size=1200")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        TupleInfo remote = learned.get(30, TimeUnit.SECONDS);
        assertEquals("127.0.0.1", remote.remoteIp());
        enough.get(60, TimeUnit.SECONDS);

        assertTrue(firstWasKeyFrame[0], "the consumer must start at a key frame");
        assertEquals(0, wrongSsrcOrPt.get(), "packets must carry the consumer's SSRC and payload type");
        assertEquals(0, seqGaps.get(), "the consumer's sequence numbers must be continuous on loopback");
        List<RtpStreamRecvStats> stats = result(worker.loop().call(() -> producer.getStats(System.currentTimeMillis())));
        assertTrue(stats.get(0).packetCount() >= 90, stats.toString());
    }
}
