package io.tributary.worker.producer;

import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.codec.H264Payload;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import io.tributary.worker.rtp.codec.Vp9PayloadDescriptor;
import io.tributary.worker.rtp.stream.PacketInfo;
import io.tributary.worker.rtp.stream.PacketInspector;
import java.util.Locale;

/** The codec layer of a producer stream: key frames and layers, read with reusable payload views. */
final class CodecInspector {

    private CodecInspector() {
    }

    static PacketInspector forMimeType(String mimeType) {
        return switch (mimeType.toLowerCase(Locale.ROOT)) {
            case "video/vp8" -> new PacketInspector() {
                private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

                @Override
                public void inspect(RtpPacket p, PacketInfo info) {
                    if (vp8.wrap(p.buffer(), p.payloadOffset(), p.payloadLength())) {
                        info.set(vp8.isKeyFrame(), 0, vp8.temporalId());
                    }
                }
            };
            case "video/vp9" -> new PacketInspector() {
                private final Vp9PayloadDescriptor vp9 = new Vp9PayloadDescriptor();

                @Override
                public void inspect(RtpPacket p, PacketInfo info) {
                    if (vp9.wrap(p.buffer(), p.payloadOffset(), p.payloadLength())) {
                        info.set(vp9.isKeyFrame(), vp9.spatialId(), vp9.temporalId());
                    }
                }
            };
            case "video/h264", "video/h264-svc" -> new PacketInspector() {
                private final H264Payload h264 = new H264Payload();

                @Override
                public void inspect(RtpPacket p, PacketInfo info) {
                    if (h264.wrap(p.buffer(), p.payloadOffset(), p.payloadLength())) {
                        info.set(h264.isKeyFrame(), 0, 0);
                    }
                }
            };
            default -> PacketInspector.NONE;
        };
    }
}
