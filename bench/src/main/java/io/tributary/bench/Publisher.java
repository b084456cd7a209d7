package io.tributary.bench;

import io.tributary.client.media.send.HeaderExtensionIds;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.OutboundStream;
import io.tributary.client.media.send.OutboundStreamStats;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Layer;
import io.tributary.client.media.send.Vp8Options;
import java.util.ArrayList;
import java.util.List;

/**
 * The one producing peer: synthetic VP8 shaped like the reference sender (10 packets of about
 * 1200 bytes per frame, frames at a steady rate) and optionally Opus.
 */
final class Publisher {

    private static final long VIDEO_SSRC = 2222;
    private static final long AUDIO_SSRC = 1111;
    /** The largest RTP payload the reference sender used. */
    private static final int MAX_PAYLOAD = 1200;
    /**
     * Body bytes per packet when a frame fills {@code MAX_PAYLOAD}: the VP8 payload descriptor (6)
     * and a key-frame header (10) come off, as the synthetic source splits frames.
     */
    private static final int BODY_PER_PACKET = MAX_PAYLOAD - 16;
    private static final int PACKETS_PER_FRAME = 10;
    /** Above this frame rate the source's millisecond timer gets too coarse; frames grow instead. */
    private static final int MAX_FPS = 100;

    private final List<Publication> publications = new ArrayList<>();
    private final List<String> producerIds = new ArrayList<>();

    /** Connects a peer and produces video at about {@code pps} packets/s (and Opus if asked). */
    Publisher(SfuPeers sfu, int pps, boolean opus) {
        SfuPeers.Peer peer = sfu.connect();
        publications.add(peer.media().publishVp8(vp8(pps)));
        if (opus) {
            publications.add(peer.media().publishOpus(OpusOptions.of("0", AUDIO_SSRC)));
        }
        for (Publication publication : publications) {
            producerIds.add(sfu.produce(peer, publication));
        }
    }

    /**
     * Key frames only on request (PLI when a consumer joins), so the window sees delta frames of a
     * constant size: every frame is exactly {@code packets} packets. The source's timer has whole
     * milliseconds, so rates whose frame period is not a whole number come out slightly off; the
     * report uses the rate measured at the SFU.
     */
    static Vp8Options vp8(int pps) {
        int perFrame = Math.max(PACKETS_PER_FRAME, (pps + MAX_FPS - 1) / MAX_FPS);
        int fps = Math.max(1, Math.round((float) pps / perFrame));
        int bitrate = perFrame * BODY_PER_PACKET * 8 * fps;
        return new Vp8Options("1", Vp8Options.DEFAULT_PAYLOAD_TYPE, Vp8Options.DEFAULT_RTX_PAYLOAD_TYPE,
                HeaderExtensionIds.defaults(), fps, 0, MAX_PAYLOAD,
                List.of(new Vp8Layer(VIDEO_SSRC, VIDEO_SSRC + 1, null, 1280, 720, bitrate)));
    }

    List<String> producerIds() {
        return producerIds;
    }

    /** A key frame on the next video frame, as if the SFU had sent a PLI. */
    void requestKeyFrame() {
        publications.get(0).requestKeyFrame();
    }

    /** Key frame requests answered so far, for a set-up that stalls (consumers wait for a key frame). */
    String keyFrameActivity() {
        OutboundStreamStats video = publications.get(0).stream().stats();
        return video.plisReceived() + " PLIs and " + video.firsReceived() + " FIRs received, "
                + video.keyFramesSent() + " key frames sent";
    }

    /** Media packets the publisher has put on the wire, all streams. */
    long packetsSent() {
        long sent = 0;
        for (Publication publication : publications) {
            for (OutboundStream stream : publication.streams()) {
                sent += stream.stats().packetsSent();
            }
        }
        return sent;
    }
}
