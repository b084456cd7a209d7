package io.tributary.worker.consumer;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.BigEndian;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.stream.RtpStreamDump;
import io.tributary.worker.rtp.stream.RtpStreamSendStats;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.SyntheticRtp;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipe consumer driven in-process: a three-encoding VP8 simulcast producer on one DirectTransport
 * (each packet carrying a MID extension), a {@code pipe: true} consumer on another whose packets come
 * back through its {@code rtp} event.
 */
class PipeConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 101;
    private static final int MID_ID = 3;
    private static final int[] SSRCS = {0x1000, 0x2000, 0x3000};

    private final Vertx vertx = Vertx.vertx();
    private final List<byte[]> received = new ArrayList<>();
    private final int[] seqs = {100, 65534, 30000};
    private final int[] pictureIds = {0, 0, 0};
    private Worker worker;
    private Router router;
    private DirectTransport recvTransport;
    private Producer producer;
    private Consumer consumer;

    @BeforeEach
    void setUp() {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(codecs(
                "[{kind: 'video', mimeType: 'video/VP8', clockRate: 90000}]"))));
        DirectTransport sendTransport = result(router.createDirectTransport(null, Map.of()));
        recvTransport = result(router.createDirectTransport(null, Map.of()));
        producer = result(sendTransport.produce(ProducerOptions.of("video", js("""
                {codecs: [{mimeType: 'video/VP8', payloadType: %d, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}]}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: %d}],
                 encodings: [{ssrc: %d}, {ssrc: %d}, {ssrc: %d}]}"""
                .formatted(PAYLOAD_TYPE, MID_ID, SSRCS[0], SSRCS[1], SSRCS[2])))));
        consumer = result(recvTransport.consume(ConsumerOptions.of(producer.id(),
                JSON.valueToTree(router.rtpCapabilities())).withPipe(true)));
        consumer.events().on(DirectTransport.RTP, bytes -> {
            synchronized (received) {
                received.add(bytes);
            }
        });
    }

    @AfterEach
    void tearDown() {
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void everyEncodingLeavesInItsOwnSsrcWithItsTimestampsAndNoMid() {
        assertInstanceOf(PipeConsumer.class, consumer);
        assertEquals(ConsumerType.PIPE, consumer.type());
        assertNull(consumer.rtpParameters().mid());
        assertNull(consumer.preferredLayers());
        assertNull(consumer.currentLayers());
        assertEquals(new ConsumerScore(10, 10, List.of(0, 0, 0)), consumer.score());
        assertFalse(consumer.rtpParameters().headerExtensions().stream()
                .map(RtpHeaderExtensionParameters::uri).anyMatch(RtpExtensionIds.URI_MID::equals));
        List<RtpEncodingParameters> encodings = consumer.rtpParameters().encodings();
        assertEquals(3, encodings.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(encodings.get(0).ssrc() + i, encodings.get(i).ssrc());
            assertEquals(encodings.get(0).rtx().ssrc() + i, encodings.get(i).rtx().ssrc());
        }

        for (int frame = 0; frame < 3; frame++) {
            for (int stream = 0; stream < 3; stream++) {
                send(stream, frame == 0, 3000L * frame);
            }
        }

        List<List<RtpPacket>> streams = forwardedByStream();
        for (int stream = 0; stream < 3; stream++) {
            List<RtpPacket> packets = streams.get(stream);
            assertEquals(3, packets.size());
            for (int frame = 0; frame < 3; frame++) {
                RtpPacket packet = packets.get(frame);
                assertEquals(3000L * frame + stream, packet.timestamp());
                assertTrue(packet.findExtension(RtpExtensionIds.MID) < 0, "a pipe consumer sends no MID");
                assertArrayEquals(SyntheticRtp.vp8(frame == 0, frame), Arrays.copyOfRange(packet.buffer(),
                        packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength()));
            }
            assertContinuous(packets, -1);
        }
        List<Object> stats = result(worker.loop().call(() -> consumer.getStats(System.currentTimeMillis())));
        assertEquals(3, stats.size());
        for (int i = 0; i < 3; i++) {
            RtpStreamSendStats outbound = (RtpStreamSendStats) stats.get(i);
            assertEquals(encodings.get(i).ssrc(), outbound.ssrc());
            assertEquals(3, outbound.packetCount());
        }
        Map<String, Object> dump = OnLoop.call(worker, consumer::dump);
        assertNull(dump.get("rtpStream"));
        List<?> dumped = (List<?>) dump.get("rtpStreams");
        assertEquals(3, dumped.size());
        assertEquals(2, ((RtpStreamDump) dumped.get(2)).params().encodingIdx());
    }

    @Test
    void eachStreamResumesAtItsOwnKeyFrameRightAfterItsLastSequenceNumber() {
        for (int stream = 0; stream < 3; stream++) {
            send(stream, true, 0);
            send(stream, false, 3000);
        }
        List<List<RtpPacket>> before = forwardedByStream();

        result(consumer.pause());
        for (int stream = 0; stream < 3; stream++) {
            send(stream, false, 6000);
        }
        result(consumer.resume());
        for (int stream = 0; stream < 3; stream++) {
            send(stream, false, 9000);
        }
        send(1, true, 12000);
        send(0, false, 12000);
        send(2, false, 12000);
        List<List<RtpPacket>> onlyStream1 = forwardedByStream();
        assertEquals(List.of(0, 1, 0), onlyStream1.stream().map(List::size).toList());
        send(0, true, 15000);
        send(2, true, 15000);
        send(1, false, 15000);
        List<List<RtpPacket>> after = forwardedByStream();

        assertContinuous(concat(before.get(0), after.get(0)), 3);
        assertContinuous(concat(before.get(1), onlyStream1.get(1), after.get(1)), 4);
        assertContinuous(concat(before.get(2), after.get(2)), 3);
    }

    @Test
    void aNackIsAnsweredOverTheRtxStreamOfTheEncodingItNames() {
        for (int frame = 0; frame < 3; frame++) {
            for (int stream = 0; stream < 3; stream++) {
                send(stream, frame == 0, 3000L * frame);
            }
        }
        List<List<RtpPacket>> streams = forwardedByStream();
        RtpEncodingParameters second = consumer.rtpParameters().encodings().get(1);
        RtpEncodingParameters third = consumer.rtpParameters().encodings().get(2);

        int lostOnSecond = streams.get(1).get(1).sequenceNumber();
        int lostOnThird = streams.get(2).get(0).sequenceNumber();
        recvTransport.sendRtcp(nack(second.ssrc(), lostOnSecond));
        recvTransport.sendRtcp(nack(third.ssrc(), lostOnThird));
        List<RtpPacket> resent = forwarded();

        int rtxPayloadType = consumer.rtpParameters().codecs().get(1).payloadType();
        assertEquals(2, resent.size());
        assertEquals(second.rtx().ssrc(), resent.get(0).ssrc() & 0xFFFFFFFFL);
        assertEquals(third.rtx().ssrc(), resent.get(1).ssrc() & 0xFFFFFFFFL);
        assertEquals(List.of(rtxPayloadType, rtxPayloadType), resent.stream().map(RtpPacket::payloadType).toList());
        assertEquals(lostOnSecond, BigEndian.u16(resent.get(0).buffer(), resent.get(0).payloadOffset()));
        assertEquals(lostOnThird, BigEndian.u16(resent.get(1).buffer(), resent.get(1).payloadOffset()));
    }

    @Test
    void senderReportsCoverEveryStreamAndResumeAfterAFullCompound() {
        for (int stream = 0; stream < 3; stream++) {
            send(stream, true, 0);
        }
        forwarded();
        byte[] buf = new byte[200];
        RtcpCompoundWriter writer = new RtcpCompoundWriter();
        long now = System.currentTimeMillis();
        List<Integer> reported = OnLoop.call(worker, () -> {
            List<Integer> ssrcs = new ArrayList<>();
            writer.reset(buf, 0, 60);
            assertFalse(consumer.addSenderReport(writer, now), "two SRs fill 60 bytes");
            collectSenderReportSsrcs(buf, writer.length(), ssrcs);
            writer.reset(buf, 0, 60);
            assertTrue(consumer.addSenderReport(writer, now));
            collectSenderReportSsrcs(buf, writer.length(), ssrcs);
            writer.reset(buf, 0, 60);
            assertTrue(consumer.addSenderReport(writer, now));
            assertEquals(0, writer.length(), "every stream already reported at this time");
            return ssrcs;
        });
        assertEquals(consumer.rtpParameters().encodings().stream().map(e -> e.ssrc().intValue()).toList(), reported);
    }

    private static void collectSenderReportSsrcs(byte[] buf, int length, List<Integer> into) {
        for (int off = 0; off < length; off += 28) {
            into.add(BigEndian.i32(buf, off + 4));
        }
    }

    private static byte[] nack(long mediaSsrc, int seq) {
        byte[] buf = new byte[64];
        RtcpCompoundWriter writer = new RtcpCompoundWriter();
        writer.reset(buf, 0, buf.length);
        assertTrue(writer.addNack(0x12345678, (int) mediaSsrc, new int[] {seq}, 0, 1));
        return Arrays.copyOf(buf, writer.length());
    }

    /** Sends the next frame of an encoding: one VP8 packet with a MID extension. */
    private void send(int stream, boolean keyFrame, long timestamp) {
        int seq = seqs[stream];
        seqs[stream] = (seq + 1) & 0xFFFF;
        producer.send(SyntheticRtp.packet(PAYLOAD_TYPE, seq, timestamp + stream, SSRCS[stream], true, MID_ID, "v",
                SyntheticRtp.vp8(keyFrame, pictureIds[stream]++)));
    }

    /** What the consumer sent since the last call, after the worker handled everything sent before. */
    private List<RtpPacket> forwarded() {
        OnLoop.run(worker, () -> { });
        List<RtpPacket> packets = new ArrayList<>();
        synchronized (received) {
            for (byte[] bytes : received) {
                RtpPacket packet = new RtpPacket();
                assertTrue(packet.wrap(bytes, 0, bytes.length));
                packets.add(packet);
            }
            received.clear();
        }
        return packets;
    }

    /** The forwarded packets of each of the consumer's encodings. */
    private List<List<RtpPacket>> forwardedByStream() {
        List<RtpEncodingParameters> encodings = consumer.rtpParameters().encodings();
        List<List<RtpPacket>> streams = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (RtpPacket packet : forwarded()) {
            int stream = (int) ((packet.ssrc() & 0xFFFFFFFFL) - encodings.get(0).ssrc());
            assertTrue(stream >= 0 && stream < 3, "unexpected SSRC " + packet.ssrc());
            streams.get(stream).add(packet);
        }
        return streams;
    }

    @SafeVarargs
    private static List<RtpPacket> concat(List<RtpPacket>... parts) {
        List<RtpPacket> all = new ArrayList<>();
        for (List<RtpPacket> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** Consecutive sequence numbers (wrapping); with {@code size} >= 0 also that many packets. */
    private static void assertContinuous(List<RtpPacket> packets, int size) {
        if (size >= 0) {
            assertEquals(size, packets.size());
        }
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF, packets.get(i).sequenceNumber());
        }
    }
}
