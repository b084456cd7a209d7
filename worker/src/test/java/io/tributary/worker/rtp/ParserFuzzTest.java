package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.worker.rtcp.ByePacket;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.ReceiverReport;
import io.tributary.worker.rtcp.RembPacket;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.SdesPacket;
import io.tributary.worker.rtcp.SenderReport;
import io.tributary.worker.rtcp.TransportCcFeedback;
import io.tributary.worker.rtp.codec.H264Payload;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import io.tributary.worker.rtp.codec.Vp9PayloadDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated buffers through every parser: nothing may throw, and every size-changing
 * RTP mutation must leave a packet that parses again with the same extensions.
 */
class ParserFuzzTest {

    private static final long SEED = 20_240_501L;
    private static final int ITERATIONS = 100_000;

    private static final String[] CORPUS = {
        "90 e0 12 34 00 00 30 39 de ad be ef be de 00 03 10 aa 21 bb bb 00 00 33 cc cc cc cc 90 e0 80 7b 2a 60 01",
        "b2 6f 00 01 ff ff ff ff 00 00 00 01 00 00 00 0a 00 00 00 0b 10 00 00 03 01 00 02 01 42 00 03 04 42 42 42 42 aa 00 02",
        "90 60 00 01 00 00 00 02 00 00 00 03 be de 00 05 12 61 62 00 42 12 34 56 51 01 02 a0 b0 d0 04 21 68 69 00 00 10 02 00 9d 01 2a 80 02 e0 01",
        "80 60 00 01 00 00 00 02 00 00 00 03 aa | 81 23 00 07 58 01 40 00 b4 02 80 01 68 05 00 02 d0 01 04 01 ff",
        "80 66 00 01 00 00 00 02 00 00 00 03 78 00 04 67 42 c0 1f 00 02 68 ce 00 03 65 88 84",
        "81 c8 00 0c 00 00 04 d2 e8 00 00 00 80 00 00 00 00 01 e2 40 00 00 00 0a 00 00 03 e8 00 00 16 2e 40 ff ff fe"
            + " 00 01 00 05 00 00 00 20 12 34 56 78 00 01 80 00 81 ca 00 04 00 00 04 d2 01 09 75 73 65 72 40 68 6f 73 74 00",
        "81 cd 00 04 00 00 00 01 00 00 00 02 00 64 80 01 ff ff 00 01 81 ce 00 02 00 00 00 01 00 00 00 02"
            + " 84 ce 00 04 00 00 00 01 00 00 00 00 0a 0b 0c 0d 05 00 00 00",
        "8f cd 00 09 00 00 00 01 00 00 00 02 00 64 00 14 00 01 02 03 20 05 c9 41 ac 40 01 02 03 04 05 ff 9c 0a 0b 0c 0d 0e 0f 10",
        "8f ce 00 05 00 00 00 01 00 00 00 00 52 45 4d 42 01 0b d0 90 00 00 04 d2 82 cb 00 03 00 00 04 d2 00 00 00 05 03 61 62 63",
        "82 ca 00 05 00 00 00 01 01 01 61 07 02 68 69 00 00 00 00 02 02 01 62 00",
    };

    private final RtpPacket rtp = new RtpPacket();
    private final FrameMarking frameMarking = new FrameMarking();
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private final Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();
    private final H264Payload h264 = new H264Payload();
    private final RtcpCompoundIterator compound = new RtcpCompoundIterator();
    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();
    private final ReportBlock block = new ReportBlock();
    private final SdesPacket sdes = new SdesPacket();
    private final ByePacket bye = new ByePacket();
    private final NackPacket nack = new NackPacket();
    private final TransportCcFeedback twcc = new TransportCcFeedback();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();
    private final RembPacket remb = new RembPacket();
    private final byte[] scratch = new byte[4096];
    private final byte[] idMap = new byte[256];
    private long sink;

    @Test
    void noParserThrowsOnRandomOrMutatedInput() {
        Random random = new Random(SEED);
        byte[][] corpus = new byte[CORPUS.length][];
        for (int i = 0; i < CORPUS.length; i++) {
            corpus[i] = Hex.bytes(CORPUS[i]);
        }
        int parsedRtp = 0;
        int parsedRtcp = 0;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            byte[] input = nextInput(random, corpus);
            int off = random.nextInt(8) == 0 ? random.nextInt(4) : 0;
            int len = random.nextInt(16) == 0 ? random.nextInt(input.length + 8) - 4 : input.length - off;
            byte[] original = input.clone();
            try {
                parsedRtp += exerciseRtp(input, off, len, random) ? 1 : 0;
                System.arraycopy(original, 0, input, 0, input.length);
                parsedRtcp += exerciseRtcp(input, off, len);
                exercisePayloads(input, off, Math.max(len, 0));
            } catch (RuntimeException | AssertionError e) {
                fail("iteration " + iteration + " off " + off + " len " + len + " input "
                        + Hex.of(original, 0, original.length), e);
            }
        }
        assertTrue(parsedRtp > ITERATIONS / 20, "the fuzzer must reach the RTP paths: " + parsedRtp);
        assertTrue(parsedRtcp > ITERATIONS / 20, "the fuzzer must reach the RTCP views: " + parsedRtcp);
    }

    private byte[] nextInput(Random random, byte[][] corpus) {
        if (random.nextInt(4) == 0) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
            }
            return b;
        }
        byte[] seed = corpus[random.nextInt(corpus.length)];
        int newLength = random.nextInt(5) == 0 ? random.nextInt(seed.length + 16) : seed.length;
        byte[] b = new byte[newLength + random.nextInt(24)];
        System.arraycopy(seed, 0, b, 0, Math.min(seed.length, newLength));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && newLength > 0; m++) {
            int at = random.nextInt(newLength);
            switch (random.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = (byte) (random.nextBoolean() ? 0 : 0xFF);
                default -> b[at] = (byte) (b[at] + (random.nextBoolean() ? 1 : -1));
            }
        }
        return b;
    }

    private boolean exerciseRtp(byte[] buf, int off, int len, Random random) {
        if (!rtp.wrap(buf, off, len)) {
            return false;
        }
        sink += rtp.sequenceNumber() + rtp.timestamp() + rtp.ssrc() + rtp.payloadType() + rtp.csrcCount()
                + rtp.payloadOffset() + rtp.payloadLength() + rtp.paddingLength() + rtp.extensionProfile()
                + rtp.extensionDataLength() + (rtp.marker() ? 1 : 0);
        for (int i = 0; i < rtp.csrcCount(); i++) {
            sink += rtp.csrc(i);
        }
        for (int id = 0; id < 16; id++) {
            int v = rtp.findExtension(id);
            if (v >= 0) {
                sink += rtp.extensionLength(v);
            }
            sink += rtp.absSendTime(id) + rtp.transportWideSequenceNumber(id) + rtp.audioLevel(id)
                    + rtp.videoOrientation(id) + rtp.copyExtension(id, scratch, 0);
            sink += rtp.extensionEquals(id, new byte[] {0x30}) ? 1 : 0;
            if (frameMarking.wrap(rtp, id)) {
                sink += frameMarking.temporalId() + frameMarking.layerId() + frameMarking.tl0PicIdx();
            }
        }
        exercisePayloads(buf, rtp.payloadOffset(), rtp.payloadLength());
        checkMutations(buf, off, random);
        return true;
    }

    /** Mutates a copy with spare room and checks the result still parses with the same extensions. */
    private void checkMutations(byte[] buf, int off, Random random) {
        int len = rtp.length();
        byte[] copy = new byte[len + 64];
        System.arraycopy(buf, off, copy, 0, len);
        assertTrue(rtp.wrap(copy, 0, len));

        for (int i = 0; i < idMap.length; i++) {
            idMap[i] = (byte) (random.nextInt(3) == 0 ? 0 : random.nextInt(16));
        }
        rtp.rewriteExtensionIds(idMap);
        assertTrue(rtp.wrap(copy, 0, len), "id rewrite keeps the packet valid");
        List<String> before = extensions(copy);
        int payloadBefore = rtp.payloadLength();
        rtp.compactExtensions();
        assertTrue(rtp.wrap(copy, 0, rtp.length()), "compaction keeps the packet valid");
        assertEquals(before, extensions(copy), "compaction keeps every element");
        assertEquals(payloadBefore, rtp.payloadLength());

        int id = 1 + random.nextInt(20);
        int size = random.nextInt(20);
        int added = rtp.addExtension(id, size);
        assertTrue(rtp.wrap(copy, 0, rtp.length()), "adding keeps the packet valid");
        if (added >= 0) {
            assertEquals(added, rtp.findExtension(id));
            assertEquals(size, rtp.extensionLength(added));
        }
        rtp.setExtensionValue(1 + random.nextInt(14), scratch, 0, random.nextInt(18));
        rtp.setAbsSendTime(random.nextInt(16), random.nextInt());
        rtp.setTransportWideSequenceNumber(random.nextInt(16), random.nextInt());
        rtp.removeExtension(random.nextInt(16));
        assertTrue(rtp.wrap(copy, 0, rtp.length()), "value setters keep the packet valid");

        int rtx = RtxCodec.encode(rtp, scratch, 0, 97, 1, 2);
        if (rtx > 0) {
            assertTrue(rtp.wrap(scratch, 0, rtx), "RTX output parses");
            int back = RtxCodec.decode(rtp, scratch, 0, 96, 3);
            assertTrue(back >= 0 && rtp.wrap(scratch, 0, back), "decoded RTX parses");
        }
        rtp.removePadding();
    }

    private List<String> extensions(byte[] buf) {
        List<String> out = new ArrayList<>();
        rtp.forEachExtension((id, valueOffset, valueLength) -> out.add(id + "=" + Hex.of(buf, valueOffset, valueLength)));
        return out;
    }

    private void exercisePayloads(byte[] buf, int off, int len) {
        if (vp8.wrap(buf, off, len)) {
            sink += vp8.pictureId() + vp8.tl0PicIdx() + vp8.temporalId() + vp8.keyIdx() + vp8.keyFrameWidth()
                    + vp8.keyFrameHeight() + (vp8.isKeyFrame() ? 1 : 0) + (vp8.layerSync() ? 1 : 0);
            vp8.setPictureId(vp8.pictureId() + 1);
            vp8.setTl0PicIdx(vp8.tl0PicIdx() + 1);
        }
        if (vp9.wrap(buf, off, len)) {
            sink += vp9.pictureId() + vp9.tl0PicIdx() + vp9.temporalId() + vp9.spatialId()
                    + vp9.spatialLayerCount() + (vp9.isKeyFrame() ? 1 : 0) + (vp9.switchingUpPoint() ? 1 : 0);
            for (int i = 0; i < vp9.referenceCount(); i++) {
                sink += vp9.referenceDiff(i);
            }
            for (int i = -1; i < 9; i++) {
                sink += vp9.width(i) + vp9.height(i);
            }
            vp9.setPictureId(vp9.pictureId() + 1);
            vp9.setTl0PicIdx(vp9.tl0PicIdx() + 1);
        }
        if (h264.wrap(buf, off, len)) {
            sink += h264.nalType() + h264.nalCount() + h264.nalRefIdc() + (h264.isKeyFrame() ? 1 : 0)
                    + (h264.startOfNal() ? 1 : 0) + (h264.endOfNal() ? 1 : 0);
        }
    }

    private int exerciseRtcp(byte[] buf, int off, int len) {
        int views = 0;
        compound.wrap(buf, off, len);
        while (compound.next()) {
            int o = compound.offset();
            int l = compound.length();
            sink += compound.packetType() + compound.count() + compound.contentLength();
            views += exerciseViews(buf, o, l);
        }
        // Views must also survive being pointed at arbitrary bytes.
        exerciseViews(buf, off, len);
        return views;
    }

    private int exerciseViews(byte[] buf, int o, int l) {
        int views = 0;
        if (sr.wrap(buf, o, l)) {
            views++;
            sink += sr.ssrc() + sr.ntpTimestamp() + sr.rtpTimestamp() + sr.packetCount() + sr.octetCount();
            for (int i = 0; sr.reportBlock(i, block); i++) {
                sink += block.ssrc() + block.cumulativeLost() + block.jitter() + block.fractionLost()
                        + block.extendedHighestSequenceNumber() + block.lastSenderReport()
                        + block.delaySinceLastSenderReport();
            }
        }
        if (rr.wrap(buf, o, l)) {
            views++;
            for (int i = 0; rr.reportBlock(i, block); i++) {
                sink += block.cumulativeLost();
            }
        }
        if (sdes.wrap(buf, o, l)) {
            views++;
            for (int c = 0; c < sdes.chunkCount(); c++) {
                sink += sdes.chunkSsrc(c);
                for (int type = 0; type < 10; type++) {
                    int text = sdes.findItem(c, type);
                    if (text >= 0) {
                        sink += sdes.itemLength(text);
                    }
                }
            }
        }
        if (bye.wrap(buf, o, l)) {
            views++;
            for (int i = 0; i < bye.ssrcCount(); i++) {
                sink += bye.ssrc(i);
            }
            sink += bye.reasonLength();
        }
        if (nack.wrap(buf, o, l)) {
            views++;
            sink += nack.lostCount();
            nack.forEachLost(seq -> sink += seq);
        }
        if (twcc.wrap(buf, o, l)) {
            views++;
            sink += twcc.referenceTimeMicros() + twcc.receivedCount() + twcc.feedbackPacketCount();
            twcc.forEachPacket((seq, status, delta) -> sink += seq + status + delta);
        }
        if (pli.wrap(buf, o, l)) {
            views++;
            sink += pli.mediaSsrc();
        }
        if (fir.wrap(buf, o, l)) {
            views++;
            for (int i = 0; i < fir.entryCount(); i++) {
                sink += fir.entrySsrc(i) + fir.entrySequenceNumber(i);
            }
        }
        if (remb.wrap(buf, o, l)) {
            views++;
            sink += remb.bitrate();
            for (int i = 0; i < remb.ssrcCount(); i++) {
                sink += remb.ssrc(i);
            }
        }
        return views;
    }
}
