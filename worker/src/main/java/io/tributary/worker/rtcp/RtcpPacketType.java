package io.tributary.worker.rtcp;

/** RTCP packet types (RFC 3550, 4585, 3611) and feedback message types (FMT). */
public final class RtcpPacketType {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport layer feedback (RFC 4585). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585). */
    public static final int PSFB = 206;
    public static final int XR = 207;

    /** RTPFB FMT: generic NACK. */
    public static final int FMT_NACK = 1;
    /** RTPFB FMT: TMMBR (RFC 5104). */
    public static final int FMT_TMMBR = 3;
    /** RTPFB FMT: TMMBN (RFC 5104). */
    public static final int FMT_TMMBN = 4;
    /** RTPFB FMT: transport-wide congestion control feedback. */
    public static final int FMT_TRANSPORT_CC = 15;

    /** PSFB FMT: picture loss indication. */
    public static final int FMT_PLI = 1;
    /** PSFB FMT: slice loss indication. */
    public static final int FMT_SLI = 2;
    /** PSFB FMT: reference picture selection indication. */
    public static final int FMT_RPSI = 3;
    /** PSFB FMT: full intra request (RFC 5104). */
    public static final int FMT_FIR = 4;
    /** PSFB FMT: application layer feedback (REMB lives here). */
    public static final int FMT_AFB = 15;

    private RtcpPacketType() {
    }

    /** True for the second-byte range 192-223 that RFC 5761 sets apart for RTCP when RTP and RTCP share a port. */
    public static boolean isRtcp(int packetType) {
        return packetType >= 192 && packetType <= 223;
    }
}
