package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtp.RtpPacket;

/**
 * The codec layer as seen by a received stream: reads the payload descriptor of a media packet
 * (after RTX decoding) and reports key frame and layers. Called once per packet whose payload
 * type is the stream's media type, with a cleared {@link PacketInfo}; it must not allocate.
 */
@FunctionalInterface
public interface PacketInspector {

    /** For codecs without key frames or layers (audio). */
    PacketInspector NONE = (packet, info) -> { };

    void inspect(RtpPacket packet, PacketInfo info);
}
