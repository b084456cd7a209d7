package io.tributary.worker.consumer;

import io.tributary.worker.rtp.FrameMarking;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;

/**
 * H264-SVC layers, as mediasoup reads them: from the frame-marking extension when present (TID, and the
 * dependency id in the LID's upper bits; S, E and I for frame boundaries and key frames), otherwise
 * from the SVC extension of a prefix or coded-slice NAL unit (types 14 and 20). Without frame marking
 * frame boundaries are unknown, so layers move only at key frames. There are no switching-up flags:
 * any frame start is one, as in mediasoup.
 */
final class H264SvcLayerView implements SvcLayerView {

    private static final int NAL_PREFIX = 14;
    private static final int NAL_SLICE_EXTENSION = 20;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private final FrameMarking marking = new FrameMarking();
    private int spatialId;
    private int temporalId;
    private boolean start;
    private boolean end;
    private boolean keyFrame;

    @Override
    public boolean read(RtpPacket packet) {
        spatialId = 0;
        temporalId = 0;
        start = false;
        end = false;
        keyFrame = false;
        if (marking.wrap(packet, RtpExtensionIds.FRAME_MARKING)
                || marking.wrap(packet, RtpExtensionIds.FRAME_MARKING_07)) {
            start = marking.startOfFrame();
            end = marking.endOfFrame();
            keyFrame = start && marking.independent();
            temporalId = marking.temporalId();
            if (marking.scalable()) {
                spatialId = (marking.layerId() >>> 4) & 0x07;
            }
        } else {
            readNalExtension(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        }
        return true;
    }

    /** The 3-byte SVC NAL header extension: I(DR) flag, dependency id, temporal id. */
    private void readNalExtension(byte[] buf, int off, int len) {
        if (len < 1) {
            return;
        }
        int type = buf[off] & 0x1F;
        int header = -1;
        if (type == NAL_PREFIX || type == NAL_SLICE_EXTENSION) {
            header = off + 1;
        } else if (type == STAP_A && len >= 4) {
            int first = buf[off + 3] & 0x1F;
            header = first == NAL_PREFIX || first == NAL_SLICE_EXTENSION ? off + 4 : -1;
        } else if (type == FU_A && len >= 2 && (buf[off + 1] & 0x80) != 0) {
            int fragmented = buf[off + 1] & 0x1F;
            header = fragmented == NAL_PREFIX || fragmented == NAL_SLICE_EXTENSION ? off + 2 : -1;
        }
        if (header < 0 || header + 3 > off + len) {
            return;
        }
        keyFrame = (buf[header] & 0x40) != 0;
        spatialId = (buf[header + 1] >>> 4) & 0x07;
        temporalId = (buf[header + 2] >>> 5) & 0x07;
    }

    @Override
    public int spatialId() {
        return spatialId;
    }

    @Override
    public int temporalId() {
        return temporalId;
    }

    @Override
    public boolean startOfFrame() {
        return start;
    }

    @Override
    public boolean endOfFrame() {
        return end;
    }

    @Override
    public boolean switchingUpPoint() {
        return true;
    }

    @Override
    public boolean interPicturePredicted() {
        return false;
    }

    @Override
    public boolean keyFrame(boolean producerKeyFrame) {
        return producerKeyFrame || keyFrame;
    }

    @Override
    public int pictureId() {
        return -1;
    }

    @Override
    public int pictureIdMask() {
        return 0;
    }
}
