package io.tributary.worker.rtp;

/**
 * The router's own header extension ids: producers rewrite incoming ids to these, consumers keep
 * them (mediasoup's supported capabilities use the same numbers as preferredId).
 */
public final class RtpExtensionIds {

    public static final int MID = 1;
    public static final int RID = 2;
    public static final int REPAIRED_RID = 3;
    public static final int ABS_SEND_TIME = 4;
    public static final int TRANSPORT_WIDE_CC = 5;
    public static final int FRAME_MARKING_07 = 6;
    public static final int FRAME_MARKING = 7;
    public static final int AUDIO_LEVEL = 10;
    public static final int VIDEO_ORIENTATION = 11;
    public static final int TOFFSET = 12;
    public static final int ABS_CAPTURE_TIME = 13;
    public static final int PLAYOUT_DELAY = 14;

    public static final String URI_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String URI_RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String URI_REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String URI_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String URI_TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String URI_FRAME_MARKING_07 = "http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07";
    public static final String URI_FRAME_MARKING = "urn:ietf:params:rtp-hdrext:framemarking";
    public static final String URI_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String URI_VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
    public static final String URI_TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";
    public static final String URI_ABS_CAPTURE_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
    public static final String URI_PLAYOUT_DELAY = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    /** mediasoup reserves this many bytes for MID when it mangles a producer's packets. */
    public static final int MID_MAX_LENGTH = 8;

    private RtpExtensionIds() {
    }
}
