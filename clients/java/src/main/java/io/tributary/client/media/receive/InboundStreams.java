package io.tributary.client.media.receive;

import io.tributary.client.media.MediaOutput;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the peer receives, by SSRC: RTX is unwrapped into its media stream, unknown SSRCs get
 * a stream of their own on first sight, and the receiver report covers them all.
 */
public final class InboundStreams {

    /** Sends a NACK for lost sequence numbers of a media SSRC; called on the loop. */
    @FunctionalInterface
    public interface NackSender {
        void sendNack(int mediaSsrc, int[] sequenceNumbers);
    }

    private final Map<Integer, ReceivedStream> bySsrc = new ConcurrentHashMap<>();
    private final Map<Integer, ExpectedStream> byRtxSsrc = new ConcurrentHashMap<>();
    private final Map<Integer, MediaCodec> codecByPayloadType = new ConcurrentHashMap<>();
    private final RtpPacket packet = new RtpPacket();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] rtcp = new byte[MediaOutput.MAX_PACKET + MediaOutput.TAIL_ROOM];
    private final NackSender nackSender;
    private volatile long malformedPackets;
    private volatile long paddingOnlyPackets;

    public InboundStreams(NackSender nackSender) {
        this.nackSender = nackSender;
    }

    /** Registers what to expect on an SSRC (codec, RTX mapping) and returns its stream. */
    public ReceivedStream expect(ExpectedStream expected) {
        codecByPayloadType.put(expected.payloadType(), expected.codec());
        if (expected.rtxSsrc() != 0) {
            byRtxSsrc.put((int) expected.rtxSsrc(), expected);
        }
        ReceivedStream stream = stream(expected.ssrc());
        stream.setCodec(expected.codec());
        return stream;
    }

    /** The stream of this SSRC, created (codec unknown until expected or seen) when new. */
    public ReceivedStream stream(long ssrc) {
        return bySsrc.computeIfAbsent((int) ssrc, key -> new ReceivedStream(ssrc & 0xFFFF_FFFFL, MediaCodec.OTHER));
    }

    public Collection<ReceivedStream> streams() {
        return List.copyOf(bySsrc.values());
    }

    public long malformedPackets() {
        return malformedPackets;
    }

    /** Padding-only packets (bandwidth probes) are counted here and not attributed to a stream. */
    public long paddingOnlyPackets() {
        return paddingOnlyPackets;
    }

    /** Accounts one decrypted RTP packet; may rewrite the buffer (RTX unwrapping). Call on the loop. */
    public void onRtp(byte[] buf, int off, int len, long arrivalMicros) {
        if (!packet.wrap(buf, off, len)) {
            malformedPackets++;
            return;
        }
        if (packet.payloadLength() == 0) {
            paddingOnlyPackets++;
            return;
        }
        boolean viaRtx = false;
        ExpectedStream repaired = byRtxSsrc.get(packet.ssrc());
        if (repaired != null && packet.payloadType() == repaired.rtxPayloadType()) {
            if (RtxCodec.originalSequenceNumber(packet) < 0) {
                malformedPackets++;
                return;
            }
            int n = RtxCodec.decode(packet, buf, off, repaired.payloadType(), (int) repaired.ssrc());
            if (n < 0 || !packet.wrap(buf, off, n)) {
                malformedPackets++;
                return;
            }
            viaRtx = true;
        }
        ReceivedStream stream = bySsrc.get(packet.ssrc());
        if (stream == null) {
            stream = stream(packet.ssrc() & 0xFFFF_FFFFL);
            stream.setCodec(codecByPayloadType.getOrDefault(packet.payloadType(), MediaCodec.OTHER));
        }
        int[] nack = stream.onPacket(packet, viaRtx, arrivalMicros);
        if (nack != null && nack.length > 0) {
            nackSender.sendNack(packet.ssrc(), nack);
        }
    }

    /** Remembers an SR of the SFU for the LSR/DLSR of our next report. */
    public void onSenderReport(int ssrc, long ntpTimestamp, long arrivalMicros) {
        ReceivedStream stream = bySsrc.get(ssrc);
        if (stream != null) {
            stream.onSenderReport(ntpTimestamp, arrivalMicros);
        }
    }

    /** An RR (with up to 31 report blocks) and SDES from {@code rtcpSsrc}; nothing before any packet. */
    public void sendReceiverReport(MediaOutput output, int rtcpSsrc, byte[] cname, long nowMicros) {
        writer.reset(rtcp, 0, MediaOutput.MAX_PACKET);
        writer.addReceiverReport(rtcpSsrc);
        int blocks = 0;
        for (ReceivedStream stream : bySsrc.values()) {
            if (writer.reportBlockRoom() == 0) {
                break;
            }
            if (stream.addReportBlock(writer, nowMicros)) {
                blocks++;
            }
        }
        if (blocks > 0 && writer.addSdesCname(rtcpSsrc, cname, 0, cname.length)) {
            output.sendRtcp(rtcp, writer.length());
        }
    }

    /** Fails every pending await (the peer closed). */
    public void failWaiters(Throwable cause) {
        bySsrc.values().forEach(stream -> stream.failWaiters(cause));
    }
}
