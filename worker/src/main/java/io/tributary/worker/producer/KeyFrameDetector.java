package io.tributary.worker.producer;

import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.H264Payload;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import io.tributary.worker.rtp.codec.Vp9PayloadDescriptor;
import java.util.Locale;

/** Tells whether an RTP packet starts a key frame, per codec, with reusable payload views. */
interface KeyFrameDetector {

    KeyFrameDetector NEVER = packet -> false;

    boolean isKeyFrame(RtpPacket packet);

    static KeyFrameDetector forMimeType(String mimeType) {
        return switch (mimeType.toLowerCase(Locale.ROOT)) {
            case "video/vp8" -> new KeyFrameDetector() {
                private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

                @Override
                public boolean isKeyFrame(RtpPacket p) {
                    return vp8.wrap(p.buffer(), p.payloadOffset(), p.payloadLength()) && vp8.isKeyFrame();
                }
            };
            case "video/vp9" -> new KeyFrameDetector() {
                private final Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();

                @Override
                public boolean isKeyFrame(RtpPacket p) {
                    return vp9.wrap(p.buffer(), p.payloadOffset(), p.payloadLength()) && vp9.isKeyFrame();
                }
            };
            case "video/h264", "video/h264-svc" -> new KeyFrameDetector() {
                private final H264Payload h264 = new H264Payload();

                @Override
                public boolean isKeyFrame(RtpPacket p) {
                    return h264.wrap(p.buffer(), p.payloadOffset(), p.payloadLength()) && h264.isKeyFrame();
                }
            };
            default -> NEVER;
        };
    }
}
