package io.tributary.worker.consumer;

import io.tributary.worker.rtp.RtpPacket;

/**
 * The layer facts of one packet of an SVC stream, read from the codec's payload descriptor (VP9) or
 * from frame marking and the NAL header (H264-SVC). A reusable view: valid until the next {@link #read}.
 */
interface SvcLayerView {

    /** Reads the packet in router space; false when it carries no layer information to act on. */
    boolean read(RtpPacket packet);

    int spatialId();

    int temporalId();

    /** First packet of a layer frame (VP9 B). */
    boolean startOfFrame();

    /** Last packet of a layer frame (VP9 E). */
    boolean endOfFrame();

    /** Higher temporal layers may start at this frame (VP9 U). */
    boolean switchingUpPoint();

    /** A delta frame (VP9 P): in K-SVC only the current spatial layer's delta frames are forwarded. */
    boolean interPicturePredicted();

    /** A key frame starts here; {@code producerKeyFrame} is the producer's own detection for the packet. */
    boolean keyFrame(boolean producerKeyFrame);

    /** The picture id, or -1 when the codec has none. */
    int pictureId();

    /** The width mask of {@link #pictureId()}: 0x7F or 0x7FFF. */
    int pictureIdMask();
}
